// Small, synchronous readers of /proc/PID/*, shared by the eBPF sensor (to complete what the kernel
// record could not carry) and the /proc polling fallback. Every reader returns undefined when the
// process is gone — that race is normal and never an error.
import { readFileSync, readlinkSync, readdirSync } from 'node:fs';

export const PROC = process.env.PALISADE_PROC_ROOT ?? '/proc';

export function readText(path: string, max = 65536): string | undefined {
  try {
    const s = readFileSync(path, 'latin1');
    return s.length > max ? s.slice(0, max) : s;
  } catch {
    return undefined;
  }
}
export function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

export function procCmdline(pid: number): string[] | undefined {
  const s = readText(`${PROC}/${pid}/cmdline`);
  if (s === undefined || s === '') return undefined;
  const parts = s.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => Buffer.from(p, 'latin1').toString('utf8'));
}

export interface ProcStat {
  comm: string;
  ppid: number;
  /** clock ticks after boot */
  starttime: number;
  ttyNr: number;
}
export function procStat(pid: number): ProcStat | undefined {
  const s = readText(`${PROC}/${pid}/stat`);
  if (!s) return undefined;
  const open = s.indexOf('(');
  const close = s.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  const rest = s.slice(close + 2).split(' ');
  return {
    comm: s.slice(open + 1, close),
    ppid: Number(rest[1]),
    ttyNr: Number(rest[4]),
    starttime: Number(rest[19]),
  };
}

export interface ProcStatus {
  uid?: number;
  gid?: number;
  capEff?: string;
  /** pid in the innermost pid namespace */
  vpid?: number;
  ppid?: number;
}
export function procStatus(pid: number): ProcStatus | undefined {
  const s = readText(`${PROC}/${pid}/status`);
  if (!s) return undefined;
  const out: ProcStatus = {};
  for (const line of s.split('\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const k = line.slice(0, i);
    const v = line.slice(i + 1).trim();
    if (k === 'Uid') out.uid = Number(v.split(/\s+/)[1]);
    else if (k === 'Gid') out.gid = Number(v.split(/\s+/)[1]);
    else if (k === 'CapEff') out.capEff = v;
    else if (k === 'PPid') out.ppid = Number(v);
    else if (k === 'NSpid') {
      const ids = v.split(/\s+/);
      out.vpid = Number(ids[ids.length - 1]);
    }
  }
  return out;
}

/** The container id a cgroup path or leaf names, for Docker, containerd/CRI and CRI-O layouts. */
export function containerIdFromCgroup(cg: string): string | undefined {
  const m =
    /(?:^|[/-])([0-9a-f]{64})(?:\.scope)?$/.exec(cg) ??
    /(?:docker|cri-containerd|crio|libpod)-([0-9a-f]{12,64})(?:\.scope)?$/.exec(cg) ??
    /^([0-9a-f]{63})$/.exec(cg); // the kernel record's 63-character prefix of a 64-hex leaf
  return m?.[1];
}

/** Container id of a live process from /proc/PID/cgroup (any hierarchy naming one). */
export function procContainerId(pid: number): string | undefined | null {
  const s = readText(`${PROC}/${pid}/cgroup`);
  if (s === undefined) return undefined;
  for (const line of s.split('\n')) {
    const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
    for (const seg of path.split('/').reverse()) {
      const id = containerIdFromCgroup(seg);
      if (id) return id;
    }
  }
  return null;
}

/** Socket inode → kind ('ipv4' | 'ipv6' | 'unix' | 'udp…') by looking in the process's net namespace.
 * The unix table is looked at first: stdio socketpairs (every child Node or a container shim spawns)
 * are the common case, and it is cheap, while producing net/tcp and net/tcp6 walks the whole TCP
 * hash table (~6 ms of kernel time each on a 24 GiB host): doing that for every unix socket was most
 * of the agent's idle CPU on a busy host. */
export function socketKind(pid: number, inode: string): string | undefined {
  const has = (file: string) => {
    const t = readText(`${PROC}/${pid}/net/${file}`, 4 << 20);
    return t !== undefined && new RegExp(`\\s${inode}\\s`).test(t);
  };
  if (has('unix')) return 'unix';
  for (const [file, kind] of [
    ['tcp', 'ipv4'],
    ['udp', 'ipv4'],
    ['tcp6', 'ipv6'],
    ['udp6', 'ipv6'],
  ] as const)
    if (has(file)) return kind;
  return undefined;
}

/** Type of an open fd as Falco names it: file, directory, ipv4, ipv6, unix, pipe, tty, … */
export function fdType(pid: number, fd: number): { type: string; name: string } | undefined {
  const l = readLink(`${PROC}/${pid}/fd/${fd}`);
  if (l === undefined) return undefined;
  const sock = /^socket:\[(\d+)\]$/.exec(l);
  if (sock) return { type: socketKind(pid, sock[1]!) ?? 'socket', name: l };
  if (l.startsWith('pipe:')) return { type: 'pipe', name: l };
  if (l.startsWith('anon_inode:')) return { type: l.slice(11).replace(/^\[|\]$/g, ''), name: l };
  if (l.startsWith('/dev/pts/') || l.startsWith('/dev/tty')) return { type: 'tty', name: l };
  return { type: 'file', name: l };
}

export function listPids(): number[] {
  try {
    return readdirSync(PROC)
      .filter((n) => n.charCodeAt(0) >= 48 && n.charCodeAt(0) <= 57)
      .map(Number);
  } catch {
    return [];
  }
}

const CLK_TCK = 100;
let bootTimeMs: number | undefined;
/** Process start (ms since epoch) from /proc/PID/stat's starttime. */
export function startTimeMs(starttime: number): number | undefined {
  if (bootTimeMs === undefined) {
    const s = readText(`${PROC}/stat`);
    const m = s && /^btime (\d+)/m.exec(s);
    if (!m) return undefined;
    bootTimeMs = Number(m[1]) * 1000;
  }
  return bootTimeMs + (starttime / CLK_TCK) * 1000;
}
