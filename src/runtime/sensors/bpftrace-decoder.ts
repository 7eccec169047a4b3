// Turns the bpftrace program's JSON records into RuntimeEvents. Pure apart from optional /proc reads
// (completing truncated paths, cwd, stdio types), so recorded bpftrace output replays in unit tests.
import { isAbsolute, posix } from 'node:path';
import type { RuntimeEvent } from '../event.js';
import { KIND_TYPES } from './bpftrace-program.js';
import { modeFlags, nsFlags, openFlags, ptraceRequest, uidArg } from './decode.js';
import { containerIdFromCgroup, fdType, procCmdline, procStatus, readLink, PROC } from './procfs.js';
import { ProcTable } from './proctable.js';

/** [kind, pid, tid, ppid, uid, gid, cgroup, comm, ret, a0, a1, s0] */
export type BpfRecord = [
  string,
  number,
  number,
  number,
  number,
  number,
  string,
  string,
  number,
  number,
  number,
  string,
];

export interface DecoderOptions {
  /** read /proc to complete records (off in replay tests) */
  useProc?: boolean;
  now?: () => number;
  hostname?: string;
  /** argv entries captured by the program; an exec with this many may have more (read /proc) */
  maxArgs?: number;
}

interface PendingExec {
  pid: number;
  filename: string;
  args: string[];
  at: number;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'csh', 'tcsh', 'fish', 'mksh', 'busybox']);
const TRUNCATED = 63; // bpftrace's 64-byte strings hold 63 characters

export class BpftraceDecoder {
  readonly procs: ProcTable;
  private readonly pending = new Map<number, PendingExec>();
  private readonly mountStrs = new Map<number, { dev?: string; type?: string }>();
  private readonly bound = new Map<string, { ip: string; port: number }>();
  private readonly useProc: boolean;
  private readonly now: () => number;
  private readonly maxArgs: number;
  stats = { records: 0, events: 0, badRecords: 0 };

  constructor(private readonly opts: DecoderOptions = {}) {
    this.useProc = opts.useProc ?? true;
    this.procs = new ProcTable(65536, 30_000, this.useProc);
    this.now = opts.now ?? Date.now;
    this.maxArgs = opts.maxArgs ?? 16;
  }

  /** Decode one record; returns the event it completes, if any. */
  decode(r: BpfRecord): RuntimeEvent | undefined {
    this.stats.records++;
    const [kind, pid, tid, ppid, uid, gid, cg, comm, ret, a0, a1, s0] = r;
    if (typeof kind !== 'string' || typeof pid !== 'number') {
      this.stats.badRecords++;
      return undefined;
    }
    switch (kind) {
      case 'e':
        if (this.pending.size > 4096) this.pending.clear(); // execs whose exit we never saw
        this.pending.set(tid, { pid, filename: s0, args: [], at: this.now() });
        return undefined;
      case 'a': {
        const p = this.pending.get(tid);
        if (p && ret >= 0 && ret < 64) p.args[ret] = s0;
        return undefined;
      }
      case 'E':
        return this.exec(r);
      case 'X':
        this.procs.exit(pid, this.now());
        for (const k of this.bound.keys()) if (k.startsWith(`${pid}:`)) this.bound.delete(k);
        return undefined;
      case 'm':
      case 'n': {
        const m = this.mountStrs.get(tid) ?? {};
        if (kind === 'm') m.dev = s0;
        else m.type = s0;
        if (this.mountStrs.size > 1024) this.mountStrs.clear();
        this.mountStrs.set(tid, m);
        return undefined;
      }
      case 'B':
        if (ret === 0) this.bound.set(`${pid}:${a0}`, { ip: s0, port: a1 });
        return undefined;
    }
    const type = KIND_TYPES[kind];
    if (!type) {
      this.stats.badRecords++;
      return undefined;
    }
    const e = this.base(type, pid, tid, ppid, uid, gid, cg, comm, ret);
    switch (kind) {
      case 'O': {
        const f = openFlags(a0);
        let name = s0;
        if (this.useProc && (name.length >= TRUNCATED || !isAbsolute(name)) && ret >= 0)
          name = readLink(`${PROC}/${pid}/fd/${ret}`) ?? name;
        if (this.useProc && !isAbsolute(name)) {
          const cwd = readLink(`${PROC}/${pid}/cwd`);
          if (cwd) name = posix.join(cwd, name);
        }
        e.fd = {
          ...(ret >= 0 ? { num: ret } : { num: -1 }),
          name,
          type: f.directory ? 'directory' : 'file',
          openFlags: f.text,
          isWrite: f.write,
          isRead: f.read,
        };
        e.args = { flags: f.text, name };
        break;
      }
      case 'C': {
        const v6 = s0.includes(':');
        e.fd = {
          num: a0,
          type: v6 ? 'ipv6' : 'ipv4',
          sip: s0,
          sport: a1,
          l4proto: 'tcp',
          name: `->${s0}:${a1}`,
        };
        e.args = { fd: a0, addr: `${s0}:${a1}` };
        break;
      }
      case 'L': {
        const b = this.bound.get(`${pid}:${a0}`);
        e.fd = { num: a0, type: b ? (b.ip.includes(':') ? 'ipv6' : 'ipv4') : 'socket' };
        if (b) Object.assign(e.fd, { sip: b.ip, sport: b.port, name: `${b.ip}:${b.port}`, l4proto: 'tcp' });
        e.args = { fd: a0, backlog: a1 };
        break;
      }
      case 'U':
        e.args = { uid: uidArg(a0) };
        break;
      case 'V':
      case 'W':
        e.args = { uid: uidArg(a0), ruid: uidArg(a1) };
        break;
      case 'K':
        e.args = { cap_effective: (a0 >>> 0).toString(16).padStart(8, '0') };
        break;
      case 'P':
        e.args = { request: ptraceRequest(a0), pid: a1 };
        break;
      case 'I':
      case 'J':
        e.args = { fd: a0, flags: a1 };
        break;
      case 'S':
        e.args = { fd: a0, flags: nsFlags(a1) };
        break;
      case 'H':
        e.args = { flags: nsFlags(a0) };
        break;
      case 'F':
      case 'Q':
      case 'R': {
        const mode = a0;
        let name = kind === 'F' ? undefined : s0;
        if (kind === 'F' && this.useProc) name = readLink(`${PROC}/${pid}/fd/${a1}`);
        if (name && this.useProc && !isAbsolute(name)) {
          const cwd = readLink(`${PROC}/${pid}/cwd`);
          if (cwd) name = posix.join(cwd, name);
        }
        e.args = { mode: modeFlags(mode), ...(name ? { filename: name } : {}) };
        if (name) e.fd = { name, type: 'file' };
        break;
      }
      case 'D': {
        e.args = { oldfd: a0, newfd: ret };
        const t = this.useProc ? fdType(pid, ret) : undefined;
        e.fd = { num: a0, ...(t ? { type: t.type, name: t.name } : {}) };
        e.type = s0 || 'dup2';
        break;
      }
      case 'T':
        e.args = { dir: '', dev: '', type: s0, flags: a0, api: 'fsopen' };
        break;
      case 'Y':
        e.args = { dir: s0, dev: '', type: '', flags: a0, api: 'move_mount' };
        break;
      case 'M': {
        const m = this.mountStrs.get(tid);
        this.mountStrs.delete(tid);
        e.args = { dir: s0, dev: m?.dev ?? '', type: m?.type ?? '', flags: a0 };
        break;
      }
    }
    this.stats.events++;
    return e;
  }

  private base(
    type: string,
    pid: number,
    tid: number,
    ppid: number,
    uid: number,
    gid: number,
    cg: string,
    comm: string,
    ret: number,
  ): RuntimeEvent {
    const known = this.procs.get(pid);
    if (!known) {
      // first sight of a process that did not exec while we watched (forked child or pre-existing)
      const fromProc = this.useProc ? this.procs.lookup(pid) : undefined;
      this.procs.set({
        ...(fromProc ?? {}),
        pid,
        ppid: fromProc?.ppid ?? ppid,
        name: comm,
        uid,
        gid,
        containerId: containerOf(cg),
      });
    } else if (known.containerId === undefined) known.containerId = containerOf(cg);
    const proc = this.useProc
      ? this.procs.procInfo(pid, tid)
      : { pid, ...(tid !== pid ? { tid } : {}), ...this.pinfo(pid) };
    // The record's comm is the truth at the time of the syscall. Per-CPU buffers can deliver a later
    // exec of this pid first (runc init mounting, then exec'ing the entrypoint): then the table's
    // exe and argv belong to the next program, not to this one.
    if (proc.name !== comm) {
      delete proc.exepath;
      delete proc.args;
      proc.name = comm;
    }
    proc.uid = uid;
    proc.gid = gid;
    if (ppid && proc.ppid === undefined) proc.ppid = ppid;
    return {
      ts: this.now(),
      source: 'syscall',
      sensor: 'ebpf',
      type,
      res: ret,
      proc,
      cgroup: cg,
      ...(this.opts.hostname ? { hostname: this.opts.hostname } : {}),
    };
  }

  private pinfo(pid: number) {
    const p = this.procs.get(pid);
    return {
      ...(p?.ppid !== undefined ? { ppid: p.ppid } : {}),
      ...(p?.name !== undefined ? { name: p.name } : {}),
      ...(p?.exepath !== undefined ? { exepath: p.exepath } : {}),
      ...(p?.args ? { args: p.args } : {}),
      ancestors: this.procs.ancestors(p?.ppid),
    };
  }

  private exec(r: BpfRecord): RuntimeEvent | undefined {
    const [, pid, tid, ppid, uid, gid, cg, comm, ret, tty] = r;
    let p = this.pending.get(tid);
    if (p) this.pending.delete(tid);
    else
      for (const [k, v] of this.pending)
        if (v.pid === pid) {
          // a multi-threaded process exec'd from a non-leader thread: the tid changed to the pid
          p = v;
          this.pending.delete(k);
          break;
        }
    if (ret < 0) return undefined;
    // execve often migrates the task to another CPU, and per-CPU buffers may then deliver the exit
    // before the entry's argv: a pending entry counts only if its filename is what comm says ran
    // (the kernel sets comm from the file's basename); otherwise /proc answers for the live process.
    if (p && posix.basename(p.filename).slice(0, 15) !== comm) p = undefined;
    const now = this.now();
    let args = p?.args.filter((a) => a !== undefined) ?? [];
    let exepath = p?.filename;
    let cwd: string | undefined;
    let status: ReturnType<typeof procStatus>;
    const containerId = containerOf(cg);
    const isShell = SHELLS.has(comm);
    if (this.useProc && (containerId || isShell || !p || args.length >= this.maxArgs)) {
      const exe = readLink(`${PROC}/${pid}/exe`);
      if (exe) exepath = exe.replace(/ \(deleted\)$/, '');
      cwd = readLink(`${PROC}/${pid}/cwd`);
      status = procStatus(pid);
      if (!p || args.length >= this.maxArgs) {
        const full = procCmdline(pid);
        if (full) args = full;
      }
    }
    if (exepath && !isAbsolute(exepath) && cwd) exepath = posix.join(cwd, exepath);
    this.procs.set({
      pid,
      ppid,
      name: comm,
      ...(exepath ? { exepath } : {}),
      args,
      uid,
      gid,
      tty,
      startTs: now,
      containerId,
    });
    const proc = this.procs.procInfo(pid);
    proc.uid = uid;
    proc.gid = gid;
    proc.tty = tty;
    if (cwd) proc.cwd = cwd;
    if (status?.vpid !== undefined) proc.vpid = status.vpid;
    if (status?.capEff) proc.capEff = status.capEff;
    if (exepath?.startsWith('/memfd:')) proc.exeFromMemfd = true;
    else proc.exeFromMemfd = false;
    if (this.useProc && isShell) {
      const io = [0, 1, 2].map((fd) => fdType(pid, fd)?.type);
      proc.stdio = [io[0], io[1], io[2]];
    }
    this.stats.events++;
    return {
      ts: now,
      source: 'syscall',
      sensor: 'ebpf',
      type: 'execve',
      res: ret,
      proc,
      args: { filename: p?.filename ?? exepath ?? '' },
      cgroup: cg,
      ...(this.opts.hostname ? { hostname: this.opts.hostname } : {}),
    };
  }
}

function containerOf(cg: string): string | null | undefined {
  if (!cg) return undefined;
  return containerIdFromCgroup(cg) ?? null;
}
