// The fields a condition or output template may name, with Falco's names and meanings (falco.org
// "Supported Fields for Conditions and Outputs"). A rule that names a field missing from this table is
// disabled with that field as the reason; everything here is filled by our sensors or enrichment.
import type { EventSource, RuntimeEvent } from '../event.js';

export type FieldType = 'string' | 'number' | 'bool' | 'ipaddr' | 'ipnet' | 'strlist';
export type FieldValue = string | number | boolean | readonly string[] | undefined;

export interface FieldDef {
  name: string;
  type: FieldType;
  /** event sources the field applies to */
  sources: readonly EventSource[];
  /** 'required': field[arg] or field.arg must be given; 'optional': both forms work */
  arg?: 'required' | 'optional';
  get(e: RuntimeEvent, arg?: string): FieldValue;
}

const SYS: readonly EventSource[] = ['syscall'];
const SYS_DOCKER: readonly EventSource[] = ['syscall', 'docker'];
const KA: readonly EventSource[] = ['k8s_audit'];

const ERRNO: Record<number, string> = {
  1: 'EPERM',
  2: 'ENOENT',
  3: 'ESRCH',
  4: 'EINTR',
  5: 'EIO',
  9: 'EBADF',
  11: 'EAGAIN',
  12: 'ENOMEM',
  13: 'EACCES',
  14: 'EFAULT',
  16: 'EBUSY',
  17: 'EEXIST',
  20: 'ENOTDIR',
  21: 'EISDIR',
  22: 'EINVAL',
  24: 'EMFILE',
  28: 'ENOSPC',
  30: 'EROFS',
  38: 'ENOSYS',
  95: 'EOPNOTSUPP',
  97: 'EAFNOSUPPORT',
  98: 'EADDRINUSE',
  99: 'EADDRNOTAVAIL',
  101: 'ENETUNREACH',
  104: 'ECONNRESET',
  110: 'ETIMEDOUT',
  111: 'ECONNREFUSED',
  113: 'EHOSTUNREACH',
  115: 'EINPROGRESS',
};

export function errnoName(res: number): string {
  if (res >= 0) return 'SUCCESS';
  return ERRNO[-res] ?? `E${-res}`;
}

// Linux capability numbers (include/uapi/linux/capability.h), for thread.cap_* as Falco prints them.
const CAPS = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

const capCache = new Map<string, string>();
/** "000001ffffffffff" → "CAP_CHOWN CAP_DAC_OVERRIDE …" */
export function capNames(hex: string | undefined): string | undefined {
  if (hex === undefined) return undefined;
  let s = capCache.get(hex);
  if (s !== undefined) return s;
  let mask: bigint;
  try {
    mask = BigInt(`0x${hex.replace(/^0x/, '') || '0'}`);
  } catch {
    return undefined;
  }
  const out: string[] = [];
  for (let i = 0; i < CAPS.length; i++) if ((mask >> BigInt(i)) & 1n) out.push(CAPS[i]!);
  s = out.join(' ');
  if (capCache.size < 1024) capCache.set(hex, s);
  return s;
}

function cmdline(name: string | undefined, args: string[] | undefined): string | undefined {
  if (name === undefined && !args) return undefined;
  const rest = args && args.length > 1 ? ` ${args.slice(1).join(' ')}` : '';
  return `${name ?? args?.[0] ?? ''}${rest}`;
}
function dirname(p: string | undefined): string | undefined {
  if (!p || !p.startsWith('/')) return undefined;
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
function basename(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}
function ancestor(e: RuntimeEvent, arg: string | undefined) {
  const n = arg === undefined ? 1 : Number(arg);
  if (!Number.isInteger(n) || n < 0) return undefined;
  return n === 0 ? e.proc : e.proc?.ancestors?.[n - 1];
}
function isFile(e: RuntimeEvent): boolean {
  const t = e.fd?.type;
  return t === 'file' || t === 'directory';
}
const TYPECHAR: Record<string, string> = {
  file: 'f',
  directory: 'd',
  ipv4: '4',
  ipv6: '6',
  unix: 'u',
  pipe: 'p',
  event: 'e',
  signalfd: 's',
  eventpoll: 'l',
  inotify: 'i',
  timerfd: 't',
  netlink: 'n',
  memfd: 'm',
};

/** Walk a dotted path into a k8s audit event; arrays map over their elements. */
function kaPath(e: RuntimeEvent, path: readonly string[]): unknown {
  let cur: unknown = e.ka;
  for (const key of path) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur)) {
      cur = cur.flatMap((x) => {
        const v = (x as Record<string, unknown> | null)?.[key];
        return v === undefined ? [] : Array.isArray(v) ? v : [v];
      });
    } else if (typeof cur === 'object') cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}
function asList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}
function asScalar(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length ? asScalar(v[0]) : undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
function kaList(name: string, path: string): FieldDef {
  const p = path.split('.');
  return {
    name,
    type: 'strlist',
    sources: KA,
    arg: 'optional',
    get: (e, arg) => {
      const l = asList(kaPath(e, p));
      if (arg === undefined || !l) return l;
      const v = l[Number(arg)];
      return v === undefined ? undefined : [v];
    },
  };
}
function kaStr(name: string, path: string): FieldDef {
  const p = path.split('.');
  return { name, type: 'string', sources: KA, get: (e) => asScalar(kaPath(e, p)) };
}
function podSpec(e: RuntimeEvent): Record<string, unknown> | undefined {
  const obj = e.ka?.requestObject as Record<string, unknown> | undefined;
  if (!obj) return undefined;
  const kind = obj.kind;
  let spec = obj.spec as Record<string, unknown> | undefined;
  if (kind !== 'Pod') {
    // Deployments, DaemonSets, Jobs: spec.template.spec; CronJobs one level deeper
    const t = spec?.template as Record<string, unknown> | undefined;
    const jt = (spec?.jobTemplate as Record<string, unknown> | undefined)?.spec as
      Record<string, unknown> | undefined;
    spec = (t?.spec ?? (jt?.template as Record<string, unknown> | undefined)?.spec) as
      Record<string, unknown> | undefined;
  }
  return spec;
}
function podContainers(e: RuntimeEvent): Record<string, unknown>[] {
  const s = podSpec(e);
  if (!s) return [];
  return [...((s.containers as []) ?? []), ...((s.initContainers as []) ?? [])];
}

/** container.mount.source[/dest] → host path of that mount; without argument, all of them */
function mountField(name: string, key: 'source' | 'destination', by: 'source' | 'destination'): FieldDef {
  return {
    name,
    type: 'strlist',
    sources: SYS_DOCKER,
    arg: 'optional',
    get: (e, arg) => {
      const m = e.container?.mounts;
      if (!m) return undefined;
      if (arg === undefined) return m.map((x) => x[key]);
      const hit = /^\d+$/.test(arg) ? m[Number(arg)] : m.find((x) => x[by] === arg);
      return hit ? [hit[key]] : undefined;
    },
  };
}

const defs: FieldDef[] = [
  // evt.*
  { name: 'evt.type', type: 'string', sources: SYS_DOCKER, get: (e) => e.type },
  { name: 'syscall.type', type: 'string', sources: SYS, get: (e) => e.type },
  { name: 'evt.num', type: 'number', sources: SYS_DOCKER, get: (e) => e.num ?? 0 },
  { name: 'evt.source', type: 'string', sources: ['syscall', 'docker', 'k8s_audit'], get: (e) => e.source },
  { name: 'evt.dir', type: 'string', sources: SYS, get: () => '<' },
  {
    name: 'evt.time',
    type: 'string',
    sources: ['syscall', 'docker', 'k8s_audit'],
    get: (e) => new Date(e.ts).toISOString(),
  },
  { name: 'evt.rawtime', type: 'number', sources: SYS_DOCKER, get: (e) => Math.round(e.ts * 1e6) },
  {
    name: 'evt.hostname',
    type: 'string',
    sources: ['syscall', 'docker', 'k8s_audit'],
    get: (e) => e.hostname,
  },
  {
    name: 'evt.res',
    type: 'string',
    sources: SYS,
    get: (e) => (e.res === undefined ? undefined : errnoName(e.res)),
  },
  { name: 'evt.rawres', type: 'number', sources: SYS, get: (e) => e.res },
  {
    name: 'evt.failed',
    type: 'bool',
    sources: SYS,
    get: (e) => (e.res === undefined ? undefined : e.res < 0),
  },
  {
    name: 'evt.is_open_write',
    type: 'bool',
    sources: SYS,
    get: (e) => (e.fd?.openFlags === undefined ? undefined : e.fd.isWrite === true),
  },
  {
    name: 'evt.is_open_read',
    type: 'bool',
    sources: SYS,
    get: (e) => (e.fd?.openFlags === undefined ? undefined : e.fd.isRead === true),
  },
  {
    name: 'evt.arg',
    type: 'string',
    sources: SYS_DOCKER,
    arg: 'required',
    get: (e, arg) => {
      const v = arg === undefined ? undefined : e.args?.[arg];
      if (v !== undefined) return String(v);
      // numeric index: evt.arg[0]
      if (arg !== undefined && /^\d+$/.test(arg) && e.args) {
        const vals = Object.values(e.args);
        const x = vals[Number(arg)];
        return x === undefined ? undefined : String(x);
      }
      return undefined;
    },
  },
  {
    name: 'evt.args',
    type: 'string',
    sources: SYS_DOCKER,
    get: (e) =>
      e.args
        ? Object.entries(e.args)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : undefined,
  },
  // proc.* / thread.*
  { name: 'proc.pid', type: 'number', sources: SYS, get: (e) => e.proc?.pid },
  { name: 'proc.ppid', type: 'number', sources: SYS, get: (e) => e.proc?.ppid },
  { name: 'proc.vpid', type: 'number', sources: SYS, get: (e) => e.proc?.vpid },
  { name: 'thread.tid', type: 'number', sources: SYS, get: (e) => e.proc?.tid ?? e.proc?.pid },
  { name: 'proc.name', type: 'string', sources: SYS, get: (e) => e.proc?.name },
  { name: 'proc.exe', type: 'string', sources: SYS, get: (e) => e.proc?.args?.[0] ?? e.proc?.exepath },
  { name: 'proc.exepath', type: 'string', sources: SYS, get: (e) => e.proc?.exepath },
  {
    name: 'proc.args',
    type: 'string',
    sources: SYS,
    get: (e) => (e.proc?.args ? e.proc.args.slice(1).join(' ') : undefined),
  },
  { name: 'proc.cmdline', type: 'string', sources: SYS, get: (e) => cmdline(e.proc?.name, e.proc?.args) },
  {
    name: 'proc.cmdnargs',
    type: 'number',
    sources: SYS,
    get: (e) => (e.proc?.args ? e.proc.args.length - 1 : undefined),
  },
  { name: 'proc.cwd', type: 'string', sources: SYS, get: (e) => e.proc?.cwd },
  { name: 'proc.tty', type: 'number', sources: SYS, get: (e) => e.proc?.tty },
  {
    name: 'proc.is_container_init',
    type: 'bool',
    sources: SYS,
    get: (e) =>
      e.proc?.vpid === undefined && !e.container?.pid
        ? undefined
        : e.proc?.vpid === 1 || e.container?.pid === e.proc?.pid,
  },
  { name: 'proc.pname', type: 'string', sources: SYS, get: (e) => e.proc?.ancestors?.[0]?.name },
  {
    name: 'proc.pexe',
    type: 'string',
    sources: SYS,
    get: (e) => e.proc?.ancestors?.[0]?.args?.[0] ?? e.proc?.ancestors?.[0]?.exepath,
  },
  { name: 'proc.pexepath', type: 'string', sources: SYS, get: (e) => e.proc?.ancestors?.[0]?.exepath },
  {
    name: 'proc.pcmdline',
    type: 'string',
    sources: SYS,
    get: (e) => {
      const p = e.proc?.ancestors?.[0];
      return p ? cmdline(p.name, p.args) : undefined;
    },
  },
  {
    name: 'proc.aname',
    type: 'strlist',
    sources: SYS,
    arg: 'optional',
    get: (e, arg) => {
      if (arg === undefined) {
        const a = e.proc?.ancestors;
        return a ? a.map((x) => x.name ?? '') : undefined;
      }
      const a = ancestor(e, arg);
      return a?.name === undefined ? undefined : [a.name];
    },
  },
  {
    name: 'proc.apid',
    type: 'number',
    sources: SYS,
    arg: 'required',
    get: (e, arg) => ancestor(e, arg)?.pid,
  },
  {
    name: 'proc.aexe',
    type: 'string',
    sources: SYS,
    arg: 'required',
    get: (e, arg) => {
      const a = ancestor(e, arg);
      return a?.args?.[0] ?? a?.exepath;
    },
  },
  {
    name: 'proc.aexepath',
    type: 'string',
    sources: SYS,
    arg: 'required',
    get: (e, arg) => ancestor(e, arg)?.exepath,
  },
  {
    name: 'proc.acmdline',
    type: 'string',
    sources: SYS,
    arg: 'required',
    get: (e, arg) => {
      const a = ancestor(e, arg);
      return a ? cmdline(a.name, a.args) : undefined;
    },
  },
  { name: 'proc.is_exe_upper_layer', type: 'bool', sources: SYS, get: (e) => e.proc?.exeUpperLayer },
  { name: 'proc.is_exe_from_memfd', type: 'bool', sources: SYS, get: (e) => e.proc?.exeFromMemfd },
  { name: 'proc.exe_sha256', type: 'string', sources: SYS, get: (e) => e.proc?.exeSha256 },
  { name: 'proc.stdin.type', type: 'string', sources: SYS, get: (e) => e.proc?.stdio?.[0] },
  { name: 'proc.stdout.type', type: 'string', sources: SYS, get: (e) => e.proc?.stdio?.[1] },
  { name: 'proc.stderr.type', type: 'string', sources: SYS, get: (e) => e.proc?.stdio?.[2] },
  { name: 'thread.cap_effective', type: 'string', sources: SYS, get: (e) => capNames(e.proc?.capEff) },
  // user.* / group.*
  { name: 'user.uid', type: 'number', sources: SYS, get: (e) => e.proc?.uid },
  {
    name: 'user.name',
    type: 'string',
    sources: SYS,
    get: (e) => (e.proc?.uid === undefined ? undefined : e.proc.uid === 0 ? 'root' : String(e.proc.uid)),
  },
  { name: 'user.loginuid', type: 'number', sources: SYS, get: (e) => e.proc?.loginuid ?? -1 },
  { name: 'group.gid', type: 'number', sources: SYS, get: (e) => e.proc?.gid },
  // fd.*
  { name: 'fd.num', type: 'number', sources: SYS, get: (e) => e.fd?.num },
  { name: 'fd.name', type: 'string', sources: SYS, get: (e) => e.fd?.name },
  { name: 'fd.nameraw', type: 'string', sources: SYS, get: (e) => e.fd?.name },
  { name: 'fd.type', type: 'string', sources: SYS, get: (e) => e.fd?.type },
  {
    name: 'fd.typechar',
    type: 'string',
    sources: SYS,
    get: (e) => (e.fd?.type ? (TYPECHAR[e.fd.type] ?? 'o') : undefined),
  },
  {
    name: 'fd.directory',
    type: 'string',
    sources: SYS,
    get: (e) => (isFile(e) ? dirname(e.fd?.name) : undefined),
  },
  {
    name: 'fd.filename',
    type: 'string',
    sources: SYS,
    get: (e) => (isFile(e) ? basename(e.fd?.name) : undefined),
  },
  { name: 'fd.sip', type: 'ipaddr', sources: SYS, get: (e) => e.fd?.sip },
  { name: 'fd.cip', type: 'ipaddr', sources: SYS, get: (e) => e.fd?.cip },
  { name: 'fd.rip', type: 'ipaddr', sources: SYS, get: (e) => e.fd?.sip },
  { name: 'fd.lip', type: 'ipaddr', sources: SYS, get: (e) => e.fd?.cip },
  { name: 'fd.sport', type: 'number', sources: SYS, get: (e) => e.fd?.sport },
  { name: 'fd.cport', type: 'number', sources: SYS, get: (e) => e.fd?.cport },
  { name: 'fd.rport', type: 'number', sources: SYS, get: (e) => e.fd?.sport },
  { name: 'fd.lport', type: 'number', sources: SYS, get: (e) => e.fd?.cport },
  { name: 'fd.port', type: 'number', sources: SYS, get: (e) => e.fd?.sport },
  { name: 'fd.sip.name', type: 'string', sources: SYS, get: (e) => e.fd?.sipName },
  { name: 'fd.ip', type: 'ipaddr', sources: SYS, get: (e) => e.fd?.sip ?? e.fd?.cip },
  { name: 'fd.net', type: 'ipnet', sources: SYS, get: (e) => e.fd?.sip ?? e.fd?.cip },
  { name: 'fd.snet', type: 'ipnet', sources: SYS, get: (e) => e.fd?.sip },
  { name: 'fd.cnet', type: 'ipnet', sources: SYS, get: (e) => e.fd?.cip },
  { name: 'fd.l4proto', type: 'string', sources: SYS, get: (e) => e.fd?.l4proto },
  {
    name: 'fd.connected',
    type: 'bool',
    sources: SYS,
    get: (e) => (e.fd?.sip === undefined ? undefined : e.type === 'connect'),
  },
  { name: 'fd.name_changed', type: 'bool', sources: SYS, get: (e) => (e.fd ? false : undefined) },
  // container.*
  {
    name: 'container.id',
    type: 'string',
    sources: SYS_DOCKER,
    get: (e) => (e.container === undefined ? undefined : (e.container?.id.slice(0, 12) ?? 'host')),
  },
  {
    name: 'container.full_id',
    type: 'string',
    sources: SYS_DOCKER,
    get: (e) => (e.container === undefined ? undefined : (e.container?.id ?? 'host')),
  },
  {
    name: 'container.name',
    type: 'string',
    sources: SYS_DOCKER,
    get: (e) => (e.container === undefined ? undefined : e.container === null ? 'host' : e.container.name),
  },
  { name: 'container.image', type: 'string', sources: SYS_DOCKER, get: (e) => e.container?.image },
  {
    name: 'container.image.repository',
    type: 'string',
    sources: SYS_DOCKER,
    get: (e) => e.container?.imageRepository,
  },
  { name: 'container.image.tag', type: 'string', sources: SYS_DOCKER, get: (e) => e.container?.imageTag },
  {
    name: 'container.image.digest',
    type: 'string',
    sources: SYS_DOCKER,
    get: (e) => e.container?.imageDigest,
  },
  { name: 'container.image.id', type: 'string', sources: SYS_DOCKER, get: (e) => e.container?.imageId },
  { name: 'container.privileged', type: 'bool', sources: SYS_DOCKER, get: (e) => e.container?.privileged },
  {
    name: 'container.type',
    type: 'string',
    sources: SYS_DOCKER,
    get: (e) => (e.container ? (e.container.runtime ?? 'docker') : undefined),
  },
  {
    name: 'container.start_ts',
    type: 'number',
    sources: SYS_DOCKER,
    get: (e) => (e.container?.startTs === undefined ? undefined : Math.round(e.container.startTs * 1e6)),
  },
  {
    name: 'container.label',
    type: 'string',
    sources: SYS_DOCKER,
    arg: 'required',
    get: (e, arg) => (arg === undefined ? undefined : e.container?.labels?.[arg]),
  },
  mountField('container.mount.source', 'source', 'destination'),
  mountField('container.mount.dest', 'destination', 'source'),
  // k8s.* (from the container's kubelet labels)
  { name: 'k8s.pod.name', type: 'string', sources: SYS_DOCKER, get: (e) => e.container?.k8s?.podName },
  { name: 'k8s.ns.name', type: 'string', sources: SYS_DOCKER, get: (e) => e.container?.k8s?.namespace },
  { name: 'k8s.pod.uid', type: 'string', sources: SYS_DOCKER, get: (e) => e.container?.k8s?.podUid },
  {
    name: 'k8s.pod.label',
    type: 'string',
    sources: SYS_DOCKER,
    arg: 'required',
    get: (e, arg) => (arg === undefined ? undefined : e.container?.k8s?.labels?.[arg]),
  },
  // ka.* (Kubernetes audit events)
  kaStr('ka.auditid', 'auditID'),
  kaStr('ka.stage', 'stage'),
  kaStr('ka.verb', 'verb'),
  kaStr('ka.uri', 'requestURI'),
  kaStr('ka.user.name', 'user.username'),
  kaList('ka.user.groups', 'user.groups'),
  kaStr('ka.impuser.name', 'impersonatedUser.username'),
  kaStr('ka.target.name', 'objectRef.name'),
  kaStr('ka.target.namespace', 'objectRef.namespace'),
  kaStr('ka.target.resource', 'objectRef.resource'),
  kaStr('ka.target.subresource', 'objectRef.subresource'),
  kaStr('ka.useragent', 'userAgent'),
  kaList('ka.sourceips', 'sourceIPs'),
  kaStr('ka.response.code', 'responseStatus.code'),
  kaStr('ka.response.reason', 'responseStatus.reason'),
  kaStr('ka.req.binding.role', 'requestObject.roleRef.name'),
  kaList('ka.req.binding.subjects', 'requestObject.subjects.name'),
  kaList('ka.req.role.rules.verbs', 'requestObject.rules.verbs'),
  kaList('ka.req.role.rules.resources', 'requestObject.rules.resources'),
  kaStr('ka.req.service.type', 'requestObject.spec.type'),
  kaList('ka.req.configmap.obj', 'requestObject.data'),
  kaList('ka.req.pod.containers.name', 'requestObject.spec.containers.name'),
  {
    name: 'ka.req.pod.containers.image',
    type: 'strlist',
    sources: KA,
    arg: 'optional',
    get: (e, arg) => {
      const l = podContainers(e).map((c) => String(c.image ?? ''));
      if (!e.ka?.requestObject) return undefined;
      return arg === undefined ? l : l[Number(arg)] === undefined ? undefined : [l[Number(arg)]!];
    },
  },
  {
    name: 'ka.req.pod.containers.privileged',
    type: 'strlist',
    sources: KA,
    arg: 'optional',
    get: (e, arg) => {
      if (!e.ka?.requestObject) return undefined;
      const l = podContainers(e).map((c) =>
        String((c.securityContext as { privileged?: boolean } | undefined)?.privileged === true),
      );
      return arg === undefined ? l : l[Number(arg)] === undefined ? undefined : [l[Number(arg)]!];
    },
  },
  {
    name: 'ka.req.pod.host_network',
    type: 'bool',
    sources: KA,
    get: (e) => (podSpec(e) ? podSpec(e)!.hostNetwork === true : undefined),
  },
  {
    name: 'ka.req.pod.host_pid',
    type: 'bool',
    sources: KA,
    get: (e) => (podSpec(e) ? podSpec(e)!.hostPID === true : undefined),
  },
  {
    name: 'ka.req.pod.host_ipc',
    type: 'bool',
    sources: KA,
    get: (e) => (podSpec(e) ? podSpec(e)!.hostIPC === true : undefined),
  },
  {
    name: 'ka.req.pod.volumes.hostpath',
    type: 'strlist',
    sources: KA,
    get: (e) => {
      const s = podSpec(e);
      if (!s) return undefined;
      return ((s.volumes as { hostPath?: { path?: string } }[] | undefined) ?? [])
        .map((v) => v.hostPath?.path)
        .filter((p): p is string => typeof p === 'string');
    },
  },
];

export const FIELDS: ReadonlyMap<string, FieldDef> = new Map(defs.map((d) => [d.name, d]));

/**
 * Find the definition for a field as written: `proc.aname[2]` (name + bracket arg) or the dotted-arg
 * form `evt.arg.request` / `container.label.app`. Returns the definition and the argument to pass.
 */
export function resolveField(
  name: string,
  arg: string | undefined,
): { def: FieldDef; arg?: string } | undefined {
  const exact = FIELDS.get(name);
  if (exact) {
    if (exact.arg === 'required' && arg === undefined) return undefined;
    if (exact.arg === undefined && arg !== undefined) return undefined;
    return { def: exact, ...(arg !== undefined ? { arg } : {}) };
  }
  if (arg !== undefined) return undefined;
  // dotted argument: the longest prefix that takes an argument
  for (let i = name.lastIndexOf('.'); i > 0; i = name.lastIndexOf('.', i - 1)) {
    const d = FIELDS.get(name.slice(0, i));
    if (d?.arg) return { def: d, arg: name.slice(i + 1) };
  }
  return undefined;
}
