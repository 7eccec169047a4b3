#!/usr/bin/env node
// Catalog-cost benchmark (issue 4): what cataloging every ecosystem adds to a cold image scan.
//
//   node bench/catalog.mjs [--runs N] [--image app|base] [--format docker|oci] [--json] [--no-build]
//
// Two analyzer sets scan the same fixture image, each run in a fresh process with an empty layer
// cache (cold), packages only (no secret/malware/vuln work), the two sets interleaved run by run so
// machine drift hits both alike:
//   spine  the OS and OS-package analyzers the spine shipped with: os-release, dpkg, apk
//   all    every analyzer that runs with `--scanners none`: spine + rpm (3 backends), Debian copyright
//          licenses, and the npm, Python, Go, Java, Ruby, Rust, PHP and .NET installed-package
//          catalogers
// Each run reports its scan time (scanImage from call to report, measured in the child: node's start
// and module loading are the same for both and left out) and the process wall time and peak RSS
// (bench/measure.mjs). Medians are printed with the ratio all/spine; the target is ≤ 1.30 on scan
// time. The scan's CPU time (user + system) is printed too: on a shared, loaded machine wall times
// swing by 2x between identical runs, CPU time much less; the load average is printed for context.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs as parseArgv } from 'node:util';
import { FIXTURES_HINT, REPO_ROOT, locateFixtures } from '../test/fixtures/locate.mjs';
import { measure, median } from './measure.mjs';

const SPINE = ['os-release', 'dpkg', 'apk'];
const TARGET = 1.3;
const MB = 1024 * 1024;

function usageError(message) {
  console.error(`catalog.mjs: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  let v;
  try {
    ({ values: v } = parseArgv({
      args: argv,
      options: {
        runs: { type: 'string', default: '5' },
        image: { type: 'string', default: 'app' },
        format: { type: 'string', default: 'docker' },
        json: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    usageError(`${e.message} (try --help)`);
  }
  if (v.help) {
    // the usage is the header comment above
    const header = readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 15);
    console.log(header.join('\n'));
    process.exit(0);
  }
  const o = { runs: Number(v.runs), image: v.image, format: v.format, json: v.json, build: !v['no-build'] };
  if (!Number.isInteger(o.runs) || o.runs < 1) usageError('--runs needs a positive integer');
  if (!['app', 'base', 'base-security'].includes(o.image) || !['docker', 'oci'].includes(o.format))
    usageError('--image app|base|base-security, --format docker|oci');
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (s) => process.stderr.write(`${s}\n`);

const { dir: fxDir } = locateFixtures();
const fxFile = join(fxDir, 'fixtures.json');
if (!existsSync(fxFile)) usageError(FIXTURES_HINT);
const fx = JSON.parse(readFileSync(fxFile, 'utf8'));
const img = fx.images.find((i) => i.name === opts.image);
const ref =
  opts.format === 'docker' ? join(fxDir, img.dockerArchive) : `oci:${join(fxDir, img.ociLayout)}:${img.tag}`;

if (opts.build) {
  log('npm run build');
  const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

// The child: one cold scan with the chosen analyzer set; prints its own timing and package counts.
const CHILD = `
import { analyzers } from ${JSON.stringify(join(REPO_ROOT, 'dist/catalog/registry.js'))};
import { activeAnalyzers } from ${JSON.stringify(join(REPO_ROOT, 'dist/scan/options.js'))};
import { scanImage } from ${JSON.stringify(join(REPO_ROOT, 'dist/scan/image.js'))};
const [set, ref, cacheDir] = process.argv.slice(1);
const spine = ${JSON.stringify(SPINE)};
const all = activeAnalyzers({ scanners: [] }, 'image');
const chosen = set === 'spine' ? analyzers.filter((a) => spine.includes(a.id)) : all;
const t0 = performance.now();
const c0 = process.cpuUsage();
const r = await scanImage(ref, { scanners: [], analyzers: chosen, cacheDir });
const scanMs = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const byEco = {};
for (const p of r.packages) byEco[p.ecosystem] = (byEco[p.ecosystem] ?? 0) + 1;
console.log(JSON.stringify({ scanMs, cpuMs, analyzers: chosen.map((a) => a.id), byEco, warnings: r.warnings.length }));
`;

async function run(set) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'palisade-bench-catalog-'));
  try {
    const r = await measure([process.execPath, '--input-type=module', '-e', CHILD, set, ref, cacheDir], {
      cwd: REPO_ROOT,
    });
    if (r.code !== 0)
      throw new Error(`${set} run failed (exit ${r.code}): ${r.stderr.trim().split('\n')[0]}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    return { ...out, wallMs: r.wallMs, peakRssBytes: r.peakRssBytes };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const samples = { spine: [], all: [] };
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const load0 = loadavg()[0];
log(`${opts.runs} cold runs of each set on ${ref}`);
for (let i = 0; i < opts.runs; i++) {
  for (const set of i % 2 ? ['all', 'spine'] : ['spine', 'all']) {
    const s = await run(set);
    samples[set].push(s);
    const pk = Object.entries(s.byEco)
      .map(([e, n]) => `${e} ${n}`)
      .join(', ');
    log(
      `  run ${i + 1} ${set.padEnd(5)} scan ${fmtS(s.scanMs)} (cpu ${fmtS(s.cpuMs)}), process ${fmtS(s.wallMs)}, ${(s.peakRssBytes / MB).toFixed(0)} MB; ${pk}`,
    );
  }
}

const summary = Object.fromEntries(
  Object.entries(samples).map(([set, xs]) => [
    set,
    {
      runs: xs.length,
      scanMs: median(xs.map((s) => s.scanMs)),
      cpuMs: median(xs.map((s) => s.cpuMs)),
      wallMs: median(xs.map((s) => s.wallMs)),
      peakRssBytes: median(xs.map((s) => s.peakRssBytes)),
      analyzers: xs[0].analyzers,
      packages: xs[0].byEco,
    },
  ]),
);
const ratio = summary.all.scanMs / summary.spine.scanMs;
const cpuRatio = summary.all.cpuMs / summary.spine.cpuMs;
const wallRatio = summary.all.wallMs / summary.spine.wallMs;
const load = [load0, loadavg()[0]];
const result = {
  image: ref,
  ...summary,
  ratio,
  cpuRatio,
  wallRatio,
  loadAverage: load,
  target: TARGET,
  met: ratio <= TARGET,
};

if (opts.json) console.log(JSON.stringify(result, null, 2));
else {
  const row = (set) => {
    const s = summary[set];
    const pk = Object.values(s.packages).reduce((a, b) => a + b, 0);
    return `  ${set.padEnd(6)} ${String(s.analyzers.length).padStart(9)} ${fmtS(s.scanMs).padStart(9)} ${fmtS(s.cpuMs).padStart(9)} ${fmtS(s.wallMs).padStart(9)} ${(s.peakRssBytes / MB).toFixed(0).padStart(6)} MB ${String(pk).padStart(9)}`;
  };
  console.log(
    `Catalog cost on ${opts.image} (${opts.format}), cold, medians of ${opts.runs} runs; load average ${load.map((l) => l.toFixed(1)).join(' → ')} on ${availableParallelism()} CPUs`,
  );
  console.log('  set    analyzers      scan  scan cpu   process  peak RSS  packages');
  console.log(row('spine'));
  console.log(row('all'));
  console.log(
    `  all/spine: scan time ${ratio.toFixed(3)}, scan cpu ${cpuRatio.toFixed(3)}, process ${wallRatio.toFixed(3)}; target scan time <= ${TARGET}: ${ratio <= TARGET ? 'met' : 'NOT met'}`,
  );
}
