#!/usr/bin/env node
/* global setTimeout */
// Runtime figures (issue 9). Run from the repo root with tsx (the engine is TypeScript):
//
//   node --import tsx bench/runtime.mjs engine            rule engine events/s on one core
//   node --import tsx bench/runtime.mjs idle              agent CPU and RSS, idle host, 10 containers
//   node --import tsx bench/runtime.mjs burst             exec burst: events seen, dropped (counted)
//   node --import tsx bench/runtime.mjs all
//
// Inputs (env):
//   PALISADE_BENCH_EVENTS   a recorded stream (JSON lines from `palisade agent --record FILE`); without
//                           it a stream is synthesised from the shapes the eBPF sensor emits
//   PALISADE_FALCO_RULES    the Falco project's falco_rules.yaml (also looked for at
//                           /usr/share/palisade/falco_rules.yaml); loaded with the built-in rules
//   PALISADE_E2E_DOCKER_HOST, PALISADE_E2E_RUNTIME_IMAGE   the test dockerd and image (idle, burst)
//   BENCH_IDLE_SECONDS (60), BENCH_BURST_SECONDS (10), BENCH_BURST_WORKERS (4)
//   BENCH_AGENT_ARGS        extra `palisade agent` flags for the idle run (e.g. --no-ebpf-pageout)
// Targets: engine ≥ 200,000 events/s; agent ≤ 5% of a core and ≤ 150 MB RSS idle with 10 containers.
// No peer (Falco) runs on this machine, so ratios are against the targets only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEventLines } from '../src/runtime/replay.ts';
import { builtinRuleFile } from '../src/runtime/rules/builtin.ts';
import { RuleEngine } from '../src/runtime/rules/engine.ts';
import { loadRuleFiles } from '../src/runtime/rules/ruleset.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const what = process.argv[2] ?? 'all';
const falcoPath = process.env.PALISADE_FALCO_RULES ?? '/usr/share/palisade/falco_rules.yaml';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n) => Math.round(n).toLocaleString('en-US');

// ------------------------------------------------------------------------------------------ engine
function synthStream(n) {
  // deterministic PRNG so runs compare
  let s = 42;
  const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const cont = {
    id: 'c0ffee'.padEnd(64, '0'),
    name: 'web',
    image: 'docker.io/library/nginx:1.25',
    imageRepository: 'docker.io/library/nginx',
    pid: 4000,
  };
  const procs = [
    { name: 'nginx', exepath: '/usr/sbin/nginx', args: ['nginx', '-g', 'daemon off;'] },
    { name: 'python3', exepath: '/usr/bin/python3.11', args: ['python3', 'app.py'] },
    { name: 'sh', exepath: '/usr/bin/dash', args: ['sh', '-c', 'date'] },
    { name: 'bash', exepath: '/usr/bin/bash', args: ['bash'] },
    { name: 'cat', exepath: '/usr/bin/cat', args: ['cat', '/etc/hosts'] },
    { name: 'node', exepath: '/usr/local/bin/node', args: ['node', 'server.js'] },
  ];
  // mostly benign, as on a real host; a few sensitive paths so rules do match
  const files = [
    '/var/log/nginx/access.log',
    '/tmp/x',
    '/var/lib/app/db.sqlite',
    '/var/log/app.log',
    '/run/app.pid',
    '/tmp/cache/a',
    '/var/lib/app/wal',
    '/etc/shadow',
    '/usr/bin/tool',
  ];
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = pick(procs);
    const inC = rnd() < 0.7;
    const proc = {
      pid: 1000 + (i % 500),
      ...p,
      uid: 0,
      ancestors: [{ pid: 900, name: pick(['containerd-shim', 'runc', 'bash', 'systemd']) }],
    };
    const r = rnd();
    const base = {
      ts: 1.7e12 + i,
      source: 'syscall',
      sensor: 'ebpf',
      res: 0,
      proc,
      container: inC ? cont : null,
    };
    if (r < 0.45) {
      const w = rnd() < 0.6;
      out.push({
        ...base,
        type: 'openat',
        res: 3,
        fd: {
          num: 3,
          name: pick(files),
          type: 'file',
          openFlags: w ? 'O_WRONLY|O_CREAT' : 'O_RDONLY',
          isWrite: w,
          isRead: !w,
        },
      });
    } else if (r < 0.75) out.push({ ...base, type: 'execve', args: { filename: p.exepath } });
    else if (r < 0.92)
      out.push({
        ...base,
        type: 'connect',
        fd: {
          num: 4,
          type: 'ipv4',
          sip: pick(['10.0.0.5', '8.8.8.8', '127.0.0.1']),
          sport: pick([443, 80, 3333, 5432]),
          l4proto: 'tcp',
        },
      });
    else
      out.push({
        ...base,
        type: pick(['setuid', 'listen', 'dup2', 'mount', 'ptrace', 'chmod']),
        args: { uid: 0, request: 'PTRACE_ATTACH', mode: 'S_IRUSR(0400)' },
      });
  }
  return out;
}

function benchEngine(recorded) {
  const files = [builtinRuleFile()];
  const withFalco = existsSync(falcoPath);
  if (withFalco) files.push({ name: 'falco_rules.yaml', text: readFileSync(falcoPath, 'utf8') });
  const rs = loadRuleFiles(files);
  if (rs.errors.length) throw new Error(rs.errors.join('\n'));
  const engine = new RuleEngine(rs);
  let events;
  let streamName;
  const rec = process.env.PALISADE_BENCH_EVENTS ?? recorded;
  if (rec && existsSync(rec)) {
    events = parseEventLines(readFileSync(rec, 'utf8')).events;
    streamName = `recorded ${rec === recorded ? 'by the idle run on this host' : rec} (${fmt(events.length)} events)`;
  } else {
    events = synthStream(100_000);
    streamName =
      'synthetic (100,000 events shaped like the eBPF sensor output; set PALISADE_BENCH_EVENTS for a recording)';
  }
  // warm-up pass, then timed passes over the stream until ≥ 3 s and ≥ 500,000 events
  for (const e of events) engine.test(e);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let n = 0;
  let matches = 0;
  const ev0 = engine.stats.evaluations;
  while (Number(process.hrtime.bigint() - t0) < 3e9 || n < 500_000) {
    for (const e of events) matches += engine.test(e).length;
    n += events.length;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  // "on one core": events per second of this thread's CPU time (the host is shared; wall time is shown too)
  const rate = n / ((cpu.user + cpu.system) / 1e6);
  console.log('## rule engine');
  console.log(
    `rules: ${rs.rules.length} active (${rs.disabled.length} disabled) — built-in${withFalco ? ' + Falco stable rules' : ` only (no Falco rules at ${falcoPath})`}`,
  );
  console.log(`stream: ${streamName}`);
  console.log(
    `events: ${fmt(n)} in ${secs.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (one thread)`,
  );
  console.log(
    `throughput: ${fmt(rate)} events per CPU-second (${fmt(n / secs)}/s wall)   target 200,000   ratio ${(rate / 200_000).toFixed(2)}x`,
  );
  console.log(
    `rule evaluations per event: ${((engine.stats.evaluations - ev0) / n).toFixed(2)} (indexed by evt.type), matches: ${fmt(matches)}`,
  );
  return { rate };
}

// ------------------------------------------------------------------------------------ live agent
function env() {
  const host = process.env.PALISADE_E2E_DOCKER_HOST;
  const image = process.env.PALISADE_E2E_RUNTIME_IMAGE;
  if (!host || !image) return undefined;
  return { host, image };
}
function docker(host, ...args) {
  const r = spawnSync('docker', args, { env: { ...process.env, DOCKER_HOST: host }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
function procTicks(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}
// Memory of one process, in kB: VmRSS/VmHWM/RssAnon/RssFile from /proc/PID/status, PSS and USS
// (Private_Clean + Private_Dirty: what ending the process frees) from /proc/PID/smaps_rollup.
function memKB(pid) {
  const m = { rss: 0, hwm: 0, anon: 0, file: 0, pss: 0, uss: 0 };
  const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    m.rss = kb(st, 'VmRSS');
    m.hwm = kb(st, 'VmHWM');
    m.anon = kb(st, 'RssAnon');
    m.file = kb(st, 'RssFile') + kb(st, 'RssShmem');
    const sr = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    m.pss = kb(sr, 'Pss');
    m.uss = kb(sr, 'Private_Clean') + kb(sr, 'Private_Dirty');
  } catch {
    // the process ended between listing and reading
  }
  return m;
}
function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}
function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

// the built CLI (what a node runs) when `npm run build` has produced it, else the sources through tsx
const CLI = existsSync(join(ROOT, 'dist/cli/main.js'))
  ? [join(ROOT, 'bin/palisade.js')]
  : ['--import', 'tsx', join(ROOT, 'test/e2e/runtime/cli.ts')];

async function startAgent(host, dir, extra = []) {
  const child = spawn(
    process.execPath,
    [
      ...CLI,
      'agent',
      '--docker-host',
      host,
      '--db',
      join(dir, 'rt.db'),
      '-o',
      `file:${join(dir, 'alerts.jsonl')}`,
      '--stats-file',
      join(dir, 'stats.json'),
      ...extra,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const t0 = Date.now();
  while (!/ready: sensors/.test(err)) {
    if (child.exitCode !== null || Date.now() - t0 > 240_000) throw new Error(`agent did not start: ${err}`);
    await sleep(250);
  }
  return { child, err: () => err, startupSec: (Date.now() - t0) / 1000 };
}
async function stopAgent(a, dir) {
  const done = new Promise((r) => a.child.once('exit', r));
  a.child.kill('SIGINT');
  await done;
  return JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8'));
}

async function benchIdle(recordTo) {
  const e = env();
  if (!e || process.getuid() !== 0) {
    console.log(
      '## agent idle: SKIPPED (needs root, PALISADE_E2E_DOCKER_HOST and PALISADE_E2E_RUNTIME_IMAGE)',
    );
    return;
  }
  const secs = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
  const ids = [];
  try {
    for (let i = 0; i < 10; i++)
      ids.push(docker(e.host, 'run', '-d', '--network', 'none', e.image, 'sleep', 'infinity'));
    const extra = (process.env.BENCH_AGENT_ARGS ?? '').split(/\s+/).filter(Boolean);
    const a = await startAgent(e.host, dir, [...(recordTo ? ['--record', recordTo] : []), ...extra]);
    await sleep(5000); // let the start-up settle
    const pids = () => [a.child.pid, ...children(a.child.pid)];
    const hz = 100;
    const t0 = Date.now();
    const ticks0 = new Map(pids().map((p) => [p, procTicks(p)]));
    // the measured set: the agent process and every child it runs (bpftrace), sampled once a second
    let peak; // the sample with the largest summed RSS, kept whole for its breakdown
    let samples = 0;
    while (Date.now() - t0 < secs * 1000) {
      const per = pids().map((p) => ({ pid: p, name: p === a.child.pid ? 'agent' : comm(p), ...memKB(p) }));
      const tot = (k) => per.reduce((s, x) => s + x[k], 0);
      const sample = {
        per,
        rss: tot('rss'),
        pss: tot('pss'),
        uss: tot('uss'),
        anon: tot('anon'),
        file: tot('file'),
      };
      if (!peak || sample.rss > peak.rss) peak = sample;
      samples++;
      await sleep(1000);
    }
    const wallSec = (Date.now() - t0) / 1000;
    const cpuOf = pids().map((p) => ({
      name: p === a.child.pid ? 'agent' : comm(p),
      pct: ((procTicks(p) - (ticks0.get(p) ?? 0)) / hz / wallSec) * 100,
    }));
    const cpuPct = cpuOf.reduce((s, x) => s + x.pct, 0);
    const stats = await stopAgent(a, dir);
    console.log(
      `## agent idle (10 containers running, sensors ebpf+docker, evidence DB on${extra.length ? `, agent flags ${extra.join(' ')}` : ''})`,
    );
    console.log(`start-up: ${a.startupSec.toFixed(1)} s (bpftrace compiles and attaches its program)`);
    console.log(
      `CPU: ${cpuPct.toFixed(2)}% of one core over ${secs} s (${cpuOf.map((x) => `${x.name} ${x.pct.toFixed(2)}%`).join(' + ')}; user+system time from /proc/PID/stat)   target ≤ 5%   ratio ${(cpuPct / 5).toFixed(2)}`,
    );
    console.log(
      `agent process: ${CLI.length === 1 ? 'built CLI (dist/)' : 'sources through tsx (`npm run build` gives the deployed form)'}`,
    );
    const mb = (kb) => (kb / 1024).toFixed(1);
    const parts = (k) => peak.per.map((x) => `${x.name} ${mb(x[k])}`).join(' + ');
    console.log(
      `memory: sum over the agent process and its children (${peak.per.map((x) => x.name).join(', ')}), sampled every 1 s (${samples} samples) from /proc/PID/status (VmRSS, RssAnon, RssFile) and /proc/PID/smaps_rollup (Pss, Private_*); the sample with the largest RSS:`,
    );
    console.log(
      `  RSS: ${mb(peak.rss)} MB (${parts('rss')})   target ≤ 150 MB   ratio ${(peak.rss / 1024 / 150).toFixed(2)}`,
    );
    console.log(`       anonymous ${mb(peak.anon)} MB, file-backed ${mb(peak.file)} MB`);
    console.log(`  PSS: ${mb(peak.pss)} MB (${parts('pss')})`);
    console.log(`  USS: ${mb(peak.uss)} MB (${parts('uss')}) — private pages, freed when the agent stops`);
    console.log(
      `  start-up high-water marks (VmHWM; bpftrace peaks while LLVM compiles the program): ${parts('hwm')} MB`,
    );
    const released = stats.sensors?.ebpf?.releasedKB;
    console.log(
      `  bpftrace's compile-time LLVM/clang pages released after attach: ${released ? `${mb(released)} MB` : 'none (see the agent notices)'}`,
    );
    console.log(
      `events processed: ${fmt(stats.events)} (other workloads on this host count too), dropped: ${stats.sensorDropped + stats.queueDropped}`,
    );
  } finally {
    for (const id of ids)
      spawnSync('docker', ['rm', '-f', id], { env: { ...process.env, DOCKER_HOST: e.host } });
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBurst() {
  const e = env();
  if (!e || process.getuid() !== 0) {
    console.log(
      '## exec burst: SKIPPED (needs root, PALISADE_E2E_DOCKER_HOST and PALISADE_E2E_RUNTIME_IMAGE)',
    );
    return;
  }
  const secs = Number(process.env.BENCH_BURST_SECONDS ?? 10);
  const workers = Number(process.env.BENCH_BURST_WORKERS ?? 4);
  const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
  try {
    const a = await startAgent(e.host, dir, ['--no-db', '--sensors', 'ebpf']);
    await sleep(2000);
    // each worker execs /bin/true as fast as it can for `secs` seconds and prints how many it ran:
    // a small C loop (vfork + execve) when a C compiler is there, else a shell loop (slower)
    const storm = join(dir, 'execstorm');
    const cc = spawnSync('cc', ['-O2', '-x', 'c', '-o', storm, '-'], {
      input: `#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
extern char **environ;
int main(int c, char **v) { long n = 0; time_t end = time(0) + atoi(v[1]); char *a[] = {"/bin/true", 0};
  while (time(0) < end) { pid_t p; if (posix_spawn(&p, a[0], 0, 0, a, environ) == 0) { waitpid(p, 0, 0); n++; } }
  printf("%ld\\n", n); return 0; }`,
    });
    const useC = cc.status === 0;
    const script = `n=0; end=$(( $(date +%s) + ${secs} )); while [ $(date +%s) -lt $end ]; do for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do /bin/true; done; n=$((n+20)); done; echo $n`;
    const t0 = Date.now();
    const runs = await Promise.all(
      Array.from(
        { length: workers },
        () =>
          new Promise((resolve) => {
            const c = useC
              ? spawn(storm, [String(secs)], { stdio: ['ignore', 'pipe', 'ignore'] })
              : spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
            let out = '';
            c.stdout.on('data', (d) => (out += d));
            c.on('exit', () => resolve(Number(out.trim()) || 0));
          }),
      ),
    );
    const wall = (Date.now() - t0) / 1000;
    await sleep(5000); // let the agent drain
    const stats = await stopAgent(a, dir);
    const generated = runs.reduce((s, x) => s + x, 0);
    const execSeen = stats.eventsByType?.execve ?? 0;
    console.log(`## exec burst (${workers} workers × /bin/true for ${secs} s; sensors ebpf)`);
    console.log(
      `generated: ${fmt(generated)} execs of /bin/true by ${useC ? 'posix_spawn loops (C)' : 'shell loops'} = ${fmt(generated / wall)} execs/s (what 2 cores allow; the issue's 20,000/s is not reachable on this machine)`,
    );
    console.log(`seen by the agent: ${fmt(execSeen)} execve events (all processes on the host)`);
    console.log(
      `dropped: ${fmt(stats.sensorDropped)} in the kernel ring (bpftrace lost_events), ${fmt(stats.queueDropped)} in the agent queue — counted and reported in the agent's stats`,
    );
    console.log(`events total: ${fmt(stats.events)}, alerts: ${fmt(stats.alerts)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `all`: the idle run records the host's live event stream, and the engine figure replays it
const recording =
  what === 'all' && !process.env.PALISADE_BENCH_EVENTS
    ? join(mkdtempSync(join(tmpdir(), 'palisade-rec-')), 'events.jsonl')
    : undefined;
if (what === 'idle' || what === 'all') await benchIdle(recording);
if (what === 'engine' || what === 'all') benchEngine(recording);
if (what === 'burst' || what === 'all') await benchBurst();
