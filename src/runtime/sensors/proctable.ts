// The process table sensors share: pid → what we know of the process (name, exe, argv, container),
// so an event carries its ancestry (proc.pname, proc.aname[N]) even for parents that exited. Bounded:
// exited entries are kept a while for late events, then dropped; the table never grows past `max`.
import type { AncestorInfo, ProcInfo } from '../event.js';
import { procCmdline, procContainerId, procStat, procStatus, readLink, startTimeMs, PROC } from './procfs.js';

export interface ProcEntry {
  pid: number;
  ppid?: number;
  name?: string;
  exepath?: string;
  args?: string[];
  uid?: number;
  gid?: number;
  tty?: number;
  startTs?: number;
  /** container id (full or 63-char prefix), null for host, undefined if unknown */
  containerId?: string | null;
  exitedAt?: number;
}

export class ProcTable {
  private readonly map = new Map<number, ProcEntry>();
  private readonly exited: number[] = [];
  constructor(
    private readonly max = 65536,
    private readonly keepExitedMs = 30_000,
    /** false: know only what was recorded (replay, tests), never read /proc */
    private readonly readProc = true,
  ) {}

  get size(): number {
    return this.map.size;
  }
  get(pid: number): ProcEntry | undefined {
    return this.map.get(pid);
  }

  set(e: ProcEntry): void {
    this.map.delete(e.pid); // re-insert: Map order is our LRU order
    this.map.set(e.pid, e);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  exit(pid: number, now: number): void {
    const e = this.map.get(pid);
    if (!e) return;
    e.exitedAt = now;
    this.exited.push(pid);
    this.gc(now);
  }

  gc(now: number): void {
    while (this.exited.length) {
      const pid = this.exited[0]!;
      const e = this.map.get(pid);
      if (e && e.exitedAt !== undefined && now - e.exitedAt < this.keepExitedMs) break;
      this.exited.shift();
      if (e?.exitedAt !== undefined) this.map.delete(pid);
    }
  }

  /** Known entry, or one read from /proc (for processes that started before we did). */
  lookup(pid: number): ProcEntry | undefined {
    const e = this.map.get(pid);
    if (e) return e;
    if (pid <= 0 || !this.readProc) return undefined;
    const st = procStat(pid);
    if (!st) return undefined;
    const exe = readLink(`${PROC}/${pid}/exe`);
    const args = procCmdline(pid);
    const entry: ProcEntry = {
      pid,
      ppid: st.ppid,
      name: st.comm,
      ...(exe ? { exepath: exe.replace(/ \(deleted\)$/, '') } : {}),
      ...(args ? { args } : {}),
      tty: st.ttyNr,
      ...(startTimeMs(st.starttime) !== undefined ? { startTs: startTimeMs(st.starttime)! } : {}),
    };
    const cid = procContainerId(pid);
    if (cid !== undefined) entry.containerId = cid;
    const status = procStatus(pid);
    if (status?.uid !== undefined) entry.uid = status.uid;
    if (status?.gid !== undefined) entry.gid = status.gid;
    this.set(entry);
    return entry;
  }

  /** Parent, grandparent, … of pid (nearest first), at most `depth`. */
  ancestors(ppid: number | undefined, depth = 8): AncestorInfo[] {
    const out: AncestorInfo[] = [];
    let cur = ppid;
    const seen = new Set<number>();
    while (cur !== undefined && cur > 0 && out.length < depth && !seen.has(cur)) {
      seen.add(cur);
      const p = this.lookup(cur);
      if (!p) break;
      out.push({
        pid: p.pid,
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.exepath !== undefined ? { exepath: p.exepath } : {}),
        ...(p.args ? { args: p.args } : {}),
      });
      cur = p.ppid;
    }
    return out;
  }

  /** A ProcInfo for an event from the table's entry. */
  procInfo(pid: number, tid?: number): ProcInfo {
    const p = this.lookup(pid);
    const info: ProcInfo = { pid };
    if (tid !== undefined && tid !== pid) info.tid = tid;
    if (!p) return info;
    if (p.ppid !== undefined) info.ppid = p.ppid;
    if (p.name !== undefined) info.name = p.name;
    if (p.exepath !== undefined) info.exepath = p.exepath;
    if (p.args) info.args = p.args;
    if (p.uid !== undefined) info.uid = p.uid;
    if (p.gid !== undefined) info.gid = p.gid;
    if (p.tty !== undefined) info.tty = p.tty;
    if (p.startTs !== undefined) info.startTs = p.startTs;
    info.ancestors = this.ancestors(p.ppid);
    return info;
  }
}
