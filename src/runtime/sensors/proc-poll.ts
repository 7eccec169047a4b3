// The /proc fallback for hosts without eBPF. LOWER FIDELITY, by construction: it polls, so a process
// that starts and exits between two polls is never seen, file opens are not seen at all, and events
// carry the poll time. It reports process starts (as execve, including exec without fork), process
// exits, new listening sockets and new outbound TCP connections from /proc/net of every network
// namespace.
import { readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RuntimeEvent } from '../event.js';
import { ProcTable } from './proctable.js';
import {
  fdType,
  listPids,
  procCmdline,
  procStat,
  procStatus,
  readLink,
  readText,
  startTimeMs,
  PROC,
} from './procfs.js';
import type { Sensor, SensorContext } from './sensor.js';

export interface ProcPollOptions {
  intervalMs?: number;
}

interface Seen {
  starttime: number;
  comm: string;
  exe?: string;
  netns?: string;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'csh', 'tcsh', 'fish', 'mksh', 'busybox']);

/** "0100007F:0D05" → { ip: "127.0.0.1", port: 3333 } (IPv4 and IPv6 /proc/net formats) */
export function parseProcNetAddr(s: string): { ip: string; port: number } | undefined {
  const [hex, portHex] = s.split(':');
  if (!hex || !portHex) return undefined;
  const port = parseInt(portHex, 16);
  if (hex.length === 8) {
    const n = parseInt(hex, 16);
    return { ip: [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.'), port };
  }
  if (hex.length === 32) {
    const groups: string[] = [];
    for (let w = 0; w < 4; w++) {
      const word = hex.slice(w * 8, w * 8 + 8);
      // each 32-bit word is in host (little-endian) order
      const le = word.match(/../g)!.reverse().join('');
      groups.push(le.slice(0, 4), le.slice(4, 8));
    }
    const full = groups.map((g) => parseInt(g, 16).toString(16)).join(':');
    if (full.startsWith('0:0:0:0:0:ffff:')) {
      const a = parseInt(groups[6]!, 16);
      const b = parseInt(groups[7]!, 16);
      return { ip: `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`, port };
    }
    return { ip: full.replace(/(^|:)0(:0)+(:|$)/, '::'), port };
  }
  return undefined;
}

export interface SocketRow {
  local: { ip: string; port: number };
  remote: { ip: string; port: number };
  state: number;
  inode: string;
  v6: boolean;
}
export function parseProcNet(text: string, v6: boolean): SocketRow[] {
  const out: SocketRow[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i]!.trim().split(/\s+/);
    if (f.length < 10) continue;
    const local = parseProcNetAddr(f[1]!);
    const remote = parseProcNetAddr(f[2]!);
    if (!local || !remote) continue;
    out.push({ local, remote, state: parseInt(f[3]!, 16), inode: f[9]!, v6 });
  }
  return out;
}

export class ProcPollSensor implements Sensor {
  readonly name = 'proc' as const;
  readonly description: string;
  private timer?: NodeJS.Timeout;
  private readonly seen = new Map<number, Seen>();
  private readonly sockets = new Set<string>();
  readonly procs = new ProcTable();
  private counters = { polls: 0, events: 0, pollMs: 0 };
  private ctx?: SensorContext;
  private readonly host = hostname();

  constructor(private readonly opts: ProcPollOptions = {}) {
    this.description = `/proc polling every ${opts.intervalMs ?? 250} ms (LOWER FIDELITY: short-lived processes and file access are not seen)`;
  }

  stats(): Record<string, number> {
    return { ...this.counters, dropped: 0, processes: this.seen.size };
  }

  async start(ctx: SensorContext): Promise<void> {
    this.ctx = ctx;
    this.poll(false); // baseline: what runs now is not news
    const iv = this.opts.intervalMs ?? 250;
    this.timer = setInterval(() => this.poll(true), iv);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  /** One poll; public so tests can drive it without timers. */
  poll(emit: boolean): void {
    const t0 = performance.now();
    this.counters.polls++;
    const now = Date.now();
    const pids = listPids();
    const alive = new Set(pids);
    for (const pid of pids) {
      if (pid === process.pid) continue;
      const st = procStat(pid);
      if (!st) continue;
      const prev = this.seen.get(pid);
      const exe =
        prev && prev.starttime === st.starttime && prev.comm === st.comm
          ? prev.exe
          : readLink(`${PROC}/${pid}/exe`);
      const isNew = !prev || prev.starttime !== st.starttime;
      const execd = !isNew && (prev.comm !== st.comm || prev.exe !== exe);
      const netns = isNew || !prev?.netns ? readLink(`${PROC}/${pid}/ns/net`) : prev.netns;
      this.seen.set(pid, {
        starttime: st.starttime,
        comm: st.comm,
        ...(exe ? { exe } : {}),
        ...(netns ? { netns } : {}),
      });
      if (!isNew && !execd) continue;
      const args = procCmdline(pid);
      const status = procStatus(pid);
      this.procs.set({
        pid,
        ppid: st.ppid,
        name: st.comm,
        ...(exe ? { exepath: exe.replace(/ \(deleted\)$/, '') } : {}),
        ...(args ? { args } : {}),
        ...(status?.uid !== undefined ? { uid: status.uid } : {}),
        tty: st.ttyNr,
        ...(startTimeMs(st.starttime) !== undefined ? { startTs: startTimeMs(st.starttime)! } : {}),
      });
      if (!emit) continue;
      const proc = this.procs.procInfo(pid);
      if (status?.vpid !== undefined) proc.vpid = status.vpid;
      if (status?.capEff) proc.capEff = status.capEff;
      const cwd = readLink(`${PROC}/${pid}/cwd`);
      if (cwd) proc.cwd = cwd;
      if (SHELLS.has(st.comm))
        proc.stdio = [fdType(pid, 0)?.type, fdType(pid, 1)?.type, fdType(pid, 2)?.type];
      proc.exeFromMemfd = !!exe?.startsWith('/memfd:');
      this.send({
        ts: now,
        source: 'syscall',
        sensor: 'proc',
        type: 'execve',
        res: 0,
        proc,
        args: { filename: exe ?? '' },
        cgroup: cgroupOf(pid),
        hostname: this.host,
      });
    }
    for (const pid of [...this.seen.keys()]) {
      if (alive.has(pid)) continue;
      this.seen.delete(pid);
      this.procs.exit(pid, now);
    }
    this.pollSockets(emit, now);
    this.counters.pollMs += performance.now() - t0;
  }

  private pollSockets(emit: boolean, now: number): void {
    const byNs = new Map<string, number[]>();
    for (const [pid, s] of this.seen) {
      if (!s.netns) continue;
      const l = byNs.get(s.netns);
      if (l) l.push(pid);
      else byNs.set(s.netns, [pid]);
    }
    const current = new Set<string>();
    for (const [ns, pids] of byNs) {
      const rows: SocketRow[] = [];
      for (const [file, v6] of [
        ['tcp', false],
        ['tcp6', true],
      ] as const) {
        const t = readText(`${PROC}/${pids[0]}/net/${file}`, 8 << 20);
        if (t) rows.push(...parseProcNet(t, v6));
      }
      const listening = new Set(rows.filter((r) => r.state === 0x0a).map((r) => r.local.port));
      const fresh: SocketRow[] = [];
      for (const r of rows) {
        if (r.inode === '0') continue;
        const key = `${ns}:${r.inode}`;
        current.add(key);
        if (this.sockets.has(key)) continue;
        this.sockets.add(key);
        const outbound = (r.state === 0x01 || r.state === 0x02) && !listening.has(r.local.port);
        if (emit && (r.state === 0x0a || outbound)) fresh.push(r);
      }
      if (!fresh.length) continue;
      const owners = socketOwners(pids, new Set(fresh.map((r) => r.inode)));
      for (const r of fresh) {
        const pid = owners.get(r.inode);
        const listen = r.state === 0x0a;
        const peer = listen ? r.local : r.remote;
        this.send({
          ts: now,
          source: 'syscall',
          sensor: 'proc',
          type: listen ? 'listen' : 'connect',
          res: 0,
          ...(pid ? { proc: this.procs.procInfo(pid) } : {}),
          fd: {
            type: r.v6 ? 'ipv6' : 'ipv4',
            l4proto: 'tcp',
            sip: peer.ip,
            sport: peer.port,
            ...(listen ? {} : { cip: r.local.ip, cport: r.local.port }),
            name: listen
              ? `${r.local.ip}:${r.local.port}`
              : `${r.local.ip}:${r.local.port}->${r.remote.ip}:${r.remote.port}`,
          },
          ...(pid ? { cgroup: cgroupOf(pid) } : {}),
          hostname: this.host,
        });
      }
    }
    for (const k of this.sockets) if (!current.has(k)) this.sockets.delete(k);
  }

  private send(e: RuntimeEvent): void {
    this.counters.events++;
    this.ctx?.emit(e);
  }
}

function cgroupOf(pid: number): string {
  const s = readText(`${PROC}/${pid}/cgroup`) ?? '';
  // the longest path names the container in every layout we know
  let best = '';
  for (const line of s.split('\n')) {
    const p = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
    const leaf = p.slice(p.lastIndexOf('/') + 1);
    if (leaf.length > best.length) best = leaf;
  }
  return best;
}

function socketOwners(pids: number[], inodes: Set<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    const fds = readdirSafe(`${PROC}/${pid}/fd`);
    for (const fd of fds) {
      const l = readLink(`${PROC}/${pid}/fd/${fd}`);
      const m = l && /^socket:\[(\d+)\]$/.exec(l);
      if (m && inodes.has(m[1]!) && !out.has(m[1]!)) out.set(m[1]!, pid);
    }
    if (out.size === inodes.size) break;
  }
  return out;
}

function readdirSafe(p: string): string[] {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
}
