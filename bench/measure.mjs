// Runs a command and measures its wall time and the peak resident memory of its whole process tree.
//
// Peak RSS of a tree is not what `/usr/bin/time -f %M` reports: that is ru_maxrss, the largest single
// process (cdxgen's node and the trivy it spawns would count as one or the other, never both). So a
// sampler walks /proc/<pid>/task/*/children every few milliseconds and sums VmRSS over the live tree;
// the peak is the larger of that sampled sum and ru_maxrss (from GNU time), so a spike shorter than
// the sampling interval in a single process is still caught.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

const PAGE = 4096;

function children(pid) {
  const out = [];
  let tasks;
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' '))
        if (c) out.push(Number(c));
    } catch {
      // the task exited meanwhile
    }
  }
  return out;
}

function rssBytes(pid) {
  try {
    // statm: size resident shared text lib data dt (pages)
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** Sum of RSS over the descendants of pid (not pid itself: it is the measuring wrapper) right now. */
export function treeRss(pid) {
  let sum = 0;
  const stack = children(pid);
  const seen = new Set();
  while (stack.length) {
    const p = stack.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    sum += rssBytes(p);
    stack.push(...children(p));
  }
  return sum;
}

let canUnshare;
/** Whether commands can run in a fresh network namespace (root, util-linux unshare). */
export function networkIsolation() {
  if (canUnshare === undefined)
    canUnshare = spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  return canUnshare;
}

/**
 * Runs argv (with env, cwd) and resolves { wallMs, peakRssBytes, code, stdout, stderr }.
 * With `offline`, the command runs in a new network namespace that has no route anywhere (not even
 * loopback is up): what a peer tool would fetch fails at once instead of leaving this machine.
 */
export async function measure(argv, { env = process.env, cwd, offline = true, intervalMs = 5 } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'palisade-measure-'));
  const timeFile = join(tmp, 'time');
  const wrapped = ['/usr/bin/time', '-f', '%M', '-o', timeFile, ...argv];
  if (offline && networkIsolation()) wrapped.unshift('unshare', '-n');
  const started = process.hrtime.bigint();
  const child = spawn(wrapped[0], wrapped.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  let peak = 0;
  const timer = setInterval(() => {
    const r = treeRss(child.pid);
    if (r > peak) peak = r;
  }, intervalMs);
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(timer);
  let maxRssKb = 0;
  try {
    maxRssKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) || 0;
  } catch {
    // time did not write it (command not found): the exit code tells
  }
  rmSync(tmp, { recursive: true, force: true });
  return {
    wallMs,
    peakRssBytes: Math.max(peak, maxRssKb * 1024),
    code,
    stdout: Buffer.concat(out).toString(),
    stderr: Buffer.concat(err).toString(),
  };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
