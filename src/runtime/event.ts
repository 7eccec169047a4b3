// The runtime event model. Every sensor (eBPF, /proc, Docker, Kubernetes audit) turns what it sees into
// a RuntimeEvent; enrichment fills `container`; the rule engine reads it through the field table in
// rules/fields.ts. An event is self-contained (process ancestry inline, container metadata inline), so
// a recorded JSONL stream replays through the engine with the same results and no live state.

export type EventSource = 'syscall' | 'docker' | 'k8s_audit';

/** Which sensor produced the event; `proc` events are the lower-fidelity /proc polling fallback. */
export type SensorName = 'ebpf' | 'proc' | 'docker' | 'k8s-audit' | 'replay';

export interface ProcInfo {
  pid: number;
  tid?: number;
  ppid?: number;
  /** comm: the kernel's 15-character task name */
  name?: string;
  /** full path of the executable as the process sees it (inside the container's mount namespace) */
  exepath?: string;
  /** argv */
  args?: string[];
  cwd?: string;
  uid?: number;
  gid?: number;
  loginuid?: number;
  tty?: number;
  /** effective capability mask as hex text (CapEff of /proc/PID/status) */
  capEff?: string;
  /** pid inside the process's own pid namespace (1 = the container's init) */
  vpid?: number;
  /** milliseconds since epoch */
  startTs?: number;
  /** types of fds 0, 1, 2: file, pipe, ipv4, ipv6, unix, tty, … */
  stdio?: [string?, string?, string?];
  /** the executable is not part of the container image (it sits in the container's upper layer) */
  exeUpperLayer?: boolean;
  exeFromMemfd?: boolean;
  exeSha256?: string;
  /** nearest first: parent, grandparent, … (bounded) */
  ancestors?: AncestorInfo[];
}

export interface AncestorInfo {
  pid: number;
  name?: string;
  exepath?: string;
  args?: string[];
}

export interface FdInfo {
  num?: number;
  /** file path, or "sip:sport->dip:dport" for sockets (Falco's fd.name convention) */
  name?: string;
  /** file, directory, ipv4, ipv6, unix, pipe, event, signalfd, … */
  type?: string;
  /** open flags as Falco prints them: O_WRONLY|O_CREAT|… */
  openFlags?: string;
  isWrite?: boolean;
  isRead?: boolean;
  /** client (local) ip/port and server (remote) ip/port for connects; server side for listens */
  cip?: string;
  cport?: number;
  sip?: string;
  sport?: number;
  /** a name the container knows the server ip by (its /etc/hosts), when there is one */
  sipName?: string;
  l4proto?: 'tcp' | 'udp' | 'raw' | 'unix';
}

export interface ContainerInfo {
  id: string;
  name?: string;
  /** image reference as run, e.g. docker.io/library/nginx:1.25 */
  image?: string;
  imageRepository?: string;
  imageTag?: string;
  imageDigest?: string;
  imageId?: string;
  labels?: Record<string, string>;
  privileged?: boolean;
  mounts?: { source: string; destination: string; type?: string; rw?: boolean }[];
  /** host pid of the container's init process */
  pid?: number;
  startTs?: number;
  runtime?: string;
  k8s?: { podName?: string; namespace?: string; podUid?: string; labels?: Record<string, string> };
}

export interface RuntimeEvent {
  /** milliseconds since epoch (fractional) */
  ts: number;
  source: EventSource;
  /** Falco evt.type: execve, openat, connect, listen, setuid, capset, mount, ptrace, init_module, … */
  type: string;
  sensor?: SensorName;
  /** syscall return value (0 or a positive fd on success, -errno on failure) */
  res?: number;
  proc?: ProcInfo;
  fd?: FdInfo;
  /** evt.arg.NAME: syscall arguments as Falco names them */
  args?: Record<string, string | number>;
  /** undefined = not enriched yet; null = host (not in a container) */
  container?: ContainerInfo | null;
  /** cgroup path or id the sensor saw, used for container enrichment */
  cgroup?: string;
  hostname?: string;
  /** k8s audit event (audit.k8s.io/v1 Event), for source k8s_audit */
  ka?: Record<string, unknown>;
  /** sequence number assigned by the agent (evt.num) */
  num?: number;
}

export function isRuntimeEvent(v: unknown): v is RuntimeEvent {
  if (!v || typeof v !== 'object') return false;
  const e = v as Partial<RuntimeEvent>;
  return typeof e.ts === 'number' && typeof e.type === 'string' && typeof e.source === 'string';
}
