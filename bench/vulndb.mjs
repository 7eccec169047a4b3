#!/usr/bin/env node
// Vulnerability DB figures (issue 5):
//   1. building the database from all of ../shared/data/advisories (target ≤ 60 s);
//   2. matching 10,000 packages after the database is opened (target ≤ 300 ms): a Debian bookworm
//      package set from the real packages file plus language packages named in the real advisories,
//      at versions both inside and outside the affected ranges;
//   3. what the embedded snapshot adds to a scan (rootfs, packages only vs with vulnerabilities).
//
//   node --import tsx bench/vulndb.mjs [--repeat N]
//
// No peer runs here: Trivy, Grype and osv-scanner are neither on npm nor in Debian, and they need
// their own downloaded databases; the figures are compared with the targets instead.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { matchPackages } from '../src/match/index.ts';
import { importSource } from '../src/vulndb/build.ts';
import { scanRootfs } from '../src/scan/filesystem.ts';
import { openDatabase } from '../src/vulndb/location.ts';
import { haveSharedData, sharedAdvisories } from '../src/vulndb/shared-data.ts';
import { VulnStore } from '../src/vulndb/store.ts';

const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1]) || 5;
if (!haveSharedData) {
  console.log(`skipped: ${sharedAdvisories} not found`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'palisade-bench-vulndb-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
// CPU time of this process (all its threads) beside wall time: on a shared machine the wall clock
// also counts the time other processes held the cores
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// 1. full build
const dbPath = join(work, 'full.db');
let t = performance.now();
const store = VulnStore.create(dbPath);
let records = 0;
for (const f of readdirSync(sharedAdvisories).sort()) {
  if (f.endsWith('.LICENSE')) continue;
  records += (await importSource(store, { path: join(sharedAdvisories, f) })).records;
}
store.finish();
store.close();
const buildMs = performance.now() - t;
console.log(
  `build: ${records} records from all of ${sharedAdvisories} in ${(buildMs / 1000).toFixed(1)} s (target ≤ 60 s)`,
);

// 2. 10,000 packages, two sets: "typical" (an image mostly up to date: 1 in 10 Debian sources at its
// bookworm-main version, the rest at the newest; 1 in 10 language packages at an old version) and
// "worst" (every Debian binary at bookworm-main, every language package at an old version).
const pk = JSON.parse(
  gunzipSync(readFileSync(join(sharedAdvisories, 'debian-bookworm-packages.json.gz'))).toString(),
);
const probe = VulnStore.open(dbPath);
const names = probe.db
  .prepare(
    `SELECT DISTINCT ecosystem, name FROM affected WHERE ecosystem IN ('npm','pypi','golang','gem','cargo') ORDER BY ecosystem, name`,
  )
  .all();
probe.close();
const OLD = {
  npm: '1.0.0',
  pypi: '1.0',
  golang: 'v0.0.0-20200101000000-000000000000',
  gem: '1.0.0',
  cargo: '0.1.0',
};
const NEW = { npm: '99.0.0', pypi: '99.0', golang: 'v99.0.0', gem: '99.0', cargo: '99.0.0' };
const loc = [{ path: 'var/lib/dpkg/status', layerIndex: 0 }];
function packageSet(oldShare) {
  const pkgs = [];
  let i = 0;
  for (const [src, s] of Object.entries(pk.sources)) {
    const newest =
      s['bookworm-security'] && (!s.bookworm || s.newest_version === s['bookworm-security'].version)
        ? s['bookworm-security']
        : s.bookworm;
    const e = s.bookworm && i++ % Math.round(1 / oldShare) === 0 ? s.bookworm : newest;
    for (const [bin, ver] of Object.entries(e.binaries))
      pkgs.push({
        name: bin,
        version: ver,
        ecosystem: 'deb',
        purl: `pkg:deb/debian/${bin}@${ver}`,
        source: { name: src, version: e.version },
        locations: loc,
        foundBy: 'bench',
      });
  }
  const deb = pkgs.length;
  for (let k = 0; pkgs.length < 10_000; k++) {
    const n = names[k % names.length];
    const v = (k % Math.round(1 / oldShare) === 0 ? OLD : NEW)[n.ecosystem];
    pkgs.push({
      name: n.name,
      version: v,
      ecosystem: n.ecosystem,
      purl: `pkg:${n.ecosystem}/${n.name}@${v}`,
      locations: loc,
      foundBy: 'bench',
    });
  }
  return { pkgs, deb };
}
const os = { family: 'debian', version: '12', codename: 'bookworm' };
for (const [label, share] of [
  ['typical', 0.1],
  ['worst', 1],
]) {
  const { pkgs, deb } = packageSet(share);
  const cold = [];
  const warm = [];
  const coldCpu = [];
  const warmCpu = [];
  let findings = 0;
  for (let r = 0; r < repeat; r++) {
    const s = VulnStore.open(dbPath);
    t = performance.now();
    let c = cpuNow();
    findings = matchPackages(pkgs, os, s).findings.length;
    cold.push(performance.now() - t);
    coldCpu.push(cpuNow() - c);
    t = performance.now();
    c = cpuNow();
    matchPackages(pkgs, os, s);
    warm.push(performance.now() - t);
    warmCpu.push(cpuNow() - c);
    s.close();
  }
  console.log(
    `match (${label}): ${pkgs.length} packages (${deb} deb, ${pkgs.length - deb} language) → ${findings} findings: ` +
      `${ms(median(cold))} (cpu ${ms(median(coldCpu))}) first run after open, ${ms(median(warm))} (cpu ${ms(median(warmCpu))}) again ` +
      `(median of ${repeat}; target ≤ 300 ms)`,
  );
}

// 3. embedded snapshot in a scan: `rootfs` of a root holding this machine's dpkg status (a real Debian 12
// package set), with scanners none (packages only) and vuln (matching against the embedded snapshot)
const root = join(work, 'root');
mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
mkdirSync(join(root, 'etc'), { recursive: true });
copyFileSync('/var/lib/dpkg/status', join(root, 'var/lib/dpkg/status'));
copyFileSync('/etc/os-release', join(root, 'etc/os-release'));
const env = { PALISADE_CACHE_DIR: join(work, 'cache') };
t = performance.now();
openDatabase({ env }).store.close();
const first = performance.now() - t;
const base = [];
const withVuln = [];
const baseCpu = [];
const withVulnCpu = [];
let report;
for (let r = 0; r < repeat; r++) {
  t = performance.now();
  let c = cpuNow();
  await scanRootfs(root, { scanners: [], env });
  base.push(performance.now() - t);
  baseCpu.push(cpuNow() - c);
  t = performance.now();
  c = cpuNow();
  report = await scanRootfs(root, { scanners: ['vuln'], env });
  withVuln.push(performance.now() - t);
  withVulnCpu.push(cpuNow() - c);
}
console.log(
  `scan overhead: rootfs with ${report.packages.length} dpkg packages → ${report.findings.length} findings: ` +
    `packages only ${ms(median(base))} (cpu ${ms(median(baseCpu))}), with the embedded snapshot ${ms(median(withVuln))} ` +
    `(cpu ${ms(median(withVulnCpu))}), overhead ${ms(median(withVuln) - median(base))} ` +
    `(cpu ${ms(median(withVulnCpu) - median(baseCpu))}) (target ≤ 150 ms); first use extracts the snapshot into the cache once: ${ms(first)}`,
);
rmSync(work, { recursive: true, force: true });
