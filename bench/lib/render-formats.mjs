// Child of bench/report.mjs: in a fresh node process (no loader hooks), load the report writers from
// MODULE and render REPORT (JSON) in every format, in the registry's order, the way one CLI run does:
// each writer's first load and render is "cold" (module evaluation and JIT included). Then renders
// each format WARM more times. Prints one JSON line: per format, load/render ms and CPU ms, output
// size; warm medians.
//
//   node bench/lib/render-formats.mjs MODULE REPORT TEMPLATE WARM
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [modulePath, reportPath, templatePath, warmArg] = process.argv.slice(2);
const warmRuns = Number(warmArg ?? '3');
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const template = readFileSync(templatePath, 'utf8');
const { formats, writerFor } = await import(pathToFileURL(modulePath).href);
const cpu = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const opts = { width: 160, template, templateName: 'csv.liquid' };
const rows = [];
for (const format of formats()) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const w = await writerFor(format);
  const t1 = performance.now();
  const out = w.render(report, opts);
  const t2 = performance.now();
  rows.push({
    format,
    loadMs: t1 - t0,
    renderMs: t2 - t1,
    coldMs: t2 - t0,
    coldCpuMs: cpu(c0),
    bytes: Buffer.byteLength(out),
    chars: out.length,
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const r of rows) {
  const w = await writerFor(r.format);
  const wall = [];
  const cpus = [];
  for (let i = 0; i < warmRuns; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    w.render(report, opts);
    wall.push(performance.now() - t0);
    cpus.push(cpu(c0));
  }
  r.warmMs = median(wall);
  r.warmCpuMs = median(cpus);
}
console.log(JSON.stringify(rows));
