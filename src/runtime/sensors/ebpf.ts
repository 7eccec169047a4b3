// The eBPF sensor: runs `bpftrace -f json` with the program from bpftrace-program.ts and decodes its
// stdout line by line as it arrives. Drops are counted from bpftrace's own `lost_events` records
// (perf ring overflow in the kernel) — that is what happens when we cannot keep up, since a full pipe
// stalls bpftrace's reader, never the traced processes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PalisadeError } from '../../core/errors.js';
import { bpftraceProgram, TRACED_SYSCALLS } from './bpftrace-program.js';
import { BpftraceDecoder, type BpfRecord } from './bpftrace-decoder.js';
import { pageOutCompilerPages } from './pageout.js';
import type { Sensor, SensorContext } from './sensor.js';

export interface EbpfOptions {
  bpftrace?: string;
  /** seconds to wait for bpftrace to compile and attach (LLVM is slow on small machines) */
  startTimeoutSec?: number;
  /** perf ring buffer pages per CPU (bpftrace's BPFTRACE_PERF_RB_PAGES) */
  ringPages?: number;
  maxArgs?: number;
  /** release bpftrace's compile-time LLVM/clang pages once the probes are attached (default true) */
  pageOut?: boolean;
}

const TRACEFS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

/** Find tracefs, mounting it when absent (and saying so). Returns the events directory. */
export function ensureTracefs(notice: (m: string) => void): string {
  for (const t of TRACEFS) if (existsSync(join(t, 'events', 'syscalls'))) return join(t, 'events');
  const tries: [string, string[]][] = [
    ['/sys/kernel/tracing', ['-t', 'tracefs', 'nodev', '/sys/kernel/tracing']],
    ['/sys/kernel/debug', ['-t', 'debugfs', 'nodev', '/sys/kernel/debug']],
  ];
  for (const [dir, args] of tries) {
    notice(`ebpf: tracefs is not mounted; mounting ${args[1]} on ${dir}`);
    const r = spawnSync('mount', args, { encoding: 'utf8' });
    if (r.status !== 0) notice(`ebpf: mount ${args[1]} failed: ${(r.stderr || '').trim()}`);
    for (const t of TRACEFS) if (existsSync(join(t, 'events', 'syscalls'))) return join(t, 'events');
  }
  throw new PalisadeError(
    'UNSUPPORTED',
    'ebpf: no tracefs with syscall tracepoints (mount -t tracefs failed)',
  );
}

/** Index of the memory controller in /proc/cgroups (= its subsystem id) on cgroup v1/hybrid hosts. */
export function cgroupSubsysId(): number | undefined {
  try {
    if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return undefined; // pure v2
    const rows = readFileSync('/proc/cgroups', 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    const i = rows.findIndex((r) => r[0] === 'memory' && r[3] === '1');
    return i >= 0 ? i : undefined;
  } catch {
    return undefined;
  }
}

export class EbpfSensor implements Sensor {
  readonly name = 'ebpf' as const;
  readonly description =
    'eBPF tracepoints via bpftrace (exec, opens, connects, setuid, mount, ptrace, ns changes)';
  private child?: ChildProcess;
  private dir?: string;
  readonly decoder: BpftraceDecoder;
  private counters = { lines: 0, lost: 0, parseErrors: 0, probes: 0, releasedKB: 0 };
  private stopping = false;
  missingSyscalls: string[] = [];

  constructor(private readonly opts: EbpfOptions = {}) {
    this.decoder = new BpftraceDecoder({ hostname: hostname(), maxArgs: opts.maxArgs ?? 16 });
  }

  stats(): Record<string, number> {
    return {
      records: this.decoder.stats.records,
      events: this.decoder.stats.events,
      dropped: this.counters.lost,
      parseErrors: this.counters.parseErrors + this.decoder.stats.badRecords,
      probes: this.counters.probes,
      releasedKB: this.counters.releasedKB,
      processes: this.decoder.procs.size,
    };
  }

  async start(ctx: SensorContext): Promise<void> {
    const bin = this.opts.bpftrace ?? 'bpftrace';
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    if (v.error || v.status !== 0)
      throw new PalisadeError('UNSUPPORTED', `ebpf: ${bin} not found (install the bpftrace package)`);
    if (process.getuid?.() !== 0) throw new PalisadeError('UNSUPPORTED', 'ebpf: bpftrace needs root');
    const events = ensureTracefs(ctx.notice);
    const available = new Set(
      readdirSync(join(events, 'syscalls'))
        .filter((n) => n.startsWith('sys_enter_'))
        .map((n) => n.slice(10)),
    );
    this.missingSyscalls = TRACED_SYSCALLS.filter((s) => !available.has(s));
    if (this.missingSyscalls.length)
      ctx.notice(`ebpf: this kernel has no tracepoints for ${this.missingSyscalls.join(', ')}; not traced`);
    const program = bpftraceProgram({
      excludePid: process.pid,
      cgroupSubsysId: cgroupSubsysId(),
      available,
      maxArgs: this.opts.maxArgs ?? 16,
    });
    this.dir = mkdtempSync(join(tmpdir(), 'palisade-bpf-'));
    const file = join(this.dir, 'palisade.bt');
    writeFileSync(file, program);
    const child = spawn(bin, ['-f', 'json', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        BPFTRACE_PERF_RB_PAGES: String(this.opts.ringPages ?? 1024),
        BPFTRACE_MAP_KEYS_MAX: '65536',
        // one malloc arena: bpftrace's compile threads otherwise leave a second, mostly free arena
        // resident (~9 MB); its event loop is single-threaded, so nothing contends for the lock
        MALLOC_ARENA_MAX: '1',
      },
    });
    this.child = child;
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          reject(
            new PalisadeError(
              'UNSUPPORTED',
              `ebpf: bpftrace did not attach within ${this.opts.startTimeoutSec ?? 120}s`,
            ),
          );
          child.kill('SIGTERM');
        },
        (this.opts.startTimeoutSec ?? 120) * 1000,
      );
      let buf = '';
      let ready = false;
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        let start = 0;
        while ((nl = buf.indexOf('\n', start)) >= 0) {
          const line = buf.slice(start, nl);
          start = nl + 1;
          if (!line) continue;
          this.counters.lines++;
          let msg: { type?: string; data?: unknown };
          try {
            msg = JSON.parse(line) as { type?: string; data?: unknown };
          } catch {
            this.counters.parseErrors++;
            continue;
          }
          if (msg.type === 'value') {
            const ev = this.decoder.decode(msg.data as BpfRecord);
            if (ev) ctx.emit(ev);
          } else if (msg.type === 'lost_events') {
            this.counters.lost += Number((msg.data as { events?: number })?.events ?? 0);
          } else if (msg.type === 'attached_probes') {
            this.counters.probes = Number((msg.data as { probes?: number })?.probes ?? 0);
            if (!ready) {
              ready = true;
              clearTimeout(timer);
              if (this.opts.pageOut !== false && child.pid) this.releaseCompilerPages(child.pid, ctx);
              resolve();
            }
          }
        }
        buf = buf.slice(start);
      });
      child.on('exit', (code, sig) => {
        clearTimeout(timer);
        const why = stderr
          .split('\n')
          .filter((l) => l.trim() && !/RLIMIT_MEMLOCK/.test(l))
          .slice(-3)
          .join(' | ');
        if (!ready)
          reject(
            new PalisadeError(
              'UNSUPPORTED',
              `ebpf: bpftrace exited (${code ?? sig}) before attaching: ${why}`,
            ),
          );
        else if (!this.stopping) ctx.notice(`ebpf: bpftrace exited (${code ?? sig}): ${why}`);
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new PalisadeError('UNSUPPORTED', `ebpf: cannot run ${bin}: ${e.message}`));
      });
    });
  }

  private releaseCompilerPages(pid: number, ctx: SensorContext): void {
    const r = pageOutCompilerPages(pid);
    if (r.released) {
      this.counters.releasedKB = Math.max(0, r.rssFileBeforeKB - r.rssFileAfterKB);
      ctx.notice(
        `ebpf: released ${(this.counters.releasedKB / 1024).toFixed(0)} MB of bpftrace's compile-time LLVM/clang pages (process_madvise MADV_PAGEOUT)`,
      );
    } else ctx.notice(`ebpf: bpftrace's compile-time LLVM/clang pages stay resident: ${r.reason}`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const c = this.child;
    if (c && c.exitCode === null && c.signalCode === null) {
      const done = new Promise((r) => c.once('exit', r));
      c.kill('SIGINT');
      const t = setTimeout(() => c.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
