#!/usr/bin/env node
// Secrets + malware throughput, in MB/s of scanned file bytes, on a real root filesystem; the YARA CLI
// (libyara 4.x, Debian's `yara`) on the same files and rules as the peer; and the synthetic worst cases
// (a 50 MB single line, 100,000 short lines).
//
//   node --import tsx bench/secrets.mjs [--rootfs DIR] [--repeat N]
//
// DIR defaults to the fixtures' squashed base image (test/fixtures/out/rootfs/base), then /.
// Files are read into memory first: the figures are engine time, not disk time.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { malwareAnalyzer } from '../src/evaluate/malware/analyzer.ts';
import { BUILTIN_YARA, createMalwareEngine } from '../src/evaluate/malware/engine.ts';
import { secretAnalyzer, secretEngineFor } from '../src/evaluate/secrets/analyzer.ts';
import { SecretEngine } from '../src/evaluate/secrets/engine.ts';
import { builtinSecretRules } from '../src/evaluate/secrets/rules/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const fixtureRootfs = join(root, 'test/fixtures/out/rootfs/base');
const rootfs = opt('--rootfs', existsSync(fixtureRootfs) ? fixtureRootfs : '/');
const repeat = Number(opt('--repeat', '3'));
const MAX_BYTES = 1.5e9;

function walk(dir, out, budget) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    const rel = relative(rootfs, p);
    if (/^(proc|sys|dev|run|tmp\/palisade)/.test(rel)) continue;
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, out, budget);
    else if (st.isFile() && budget.bytes < MAX_BYTES) {
      out.push({
        abs: p,
        info: { path: rel, type: 'file', size: st.size, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid },
      });
      budget.bytes += st.size;
    }
  }
}

const mb = (n) => (n / 1e6).toFixed(1);
const best = (f) => {
  let t = Infinity;
  for (let i = 0; i < repeat; i++) {
    const s = performance.now();
    f();
    t = Math.min(t, performance.now() - s);
  }
  return t / 1000;
};

const files = [];
walk(rootfs, files, { bytes: 0 });
const load = (list) =>
  list.map((f) => {
    try {
      return { ...f, buf: readFileSync(f.abs) };
    } catch {
      return { ...f, buf: Buffer.alloc(0) };
    }
  });
const secretFiles = load(
  files.filter((f) => f.info.size > 0 && secretAnalyzer.required(f.info.path, f.info)),
);
const malwareFiles = load(
  files.filter((f) => f.info.size > 0 && malwareAnalyzer.required(f.info.path, f.info)),
);
const bytes = (l) => l.reduce((a, f) => a + f.buf.length, 0);

console.log(`rootfs ${rootfs}: ${files.length} regular files`);

const se = secretEngineFor({});
let secretFindings = 0;
const ts = best(() => {
  secretFindings = 0;
  for (const f of secretFiles) secretFindings += se.scan(f.buf, { path: f.info.path }).matches.length;
});
const sb = bytes(secretFiles);
console.log(
  `secrets   ${builtinSecretRules.length} rules  ${secretFiles.length} files  ${mb(sb)} MB  ${ts.toFixed(2)} s  ${mb(sb / ts)} MB/s  (${secretFindings} findings)`,
);

const archive = /\.(?:zip|jar|war|ear|tar|tgz|gz|bz2|xz|zst|7z|rar|whl|egg|apk|deb|rpm)$/i;
let malwareFindings = 0;
let me;
// a fresh engine each round: cold, nothing cached by hash
const coldTimes = [];
for (let i = 0; i < repeat; i++) {
  me = await createMalwareEngine();
  const s = performance.now();
  malwareFindings = 0;
  for (const f of malwareFiles)
    malwareFindings += me.scan(f.buf, f.info.path, archive.test(f.info.path)).hits.length;
  coldTimes.push((performance.now() - s) / 1000);
}
const tCold = Math.min(...coldTimes);
const tWarm = best(() => {
  for (const f of malwareFiles) me.scan(f.buf, f.info.path, archive.test(f.info.path));
});
const mbytes = bytes(malwareFiles);
const yaraBytes = bytes(malwareFiles.filter((f) => !archive.test(f.info.path)));
console.log(
  `malware   ${me.ruleCount} rules  ${malwareFiles.length} files  ${mb(mbytes)} MB (${mb(yaraBytes)} MB through YARA, the rest hash-only archives)  cold ${tCold.toFixed(2)} s  ${mb(mbytes / tCold)} MB/s  warm (hash cache) ${tWarm.toFixed(2)} s  (${malwareFindings} findings)`,
);
console.log(
  `together  ${mb(sb + mbytes)} MB in ${(ts + tCold).toFixed(2)} s = ${mb((sb + mbytes) / (ts + tCold))} MB/s of scanned bytes`,
);

// peer: the YARA CLI on the same non-archive files with the same rules, one thread
const yaraCli = spawnSync('yara', ['--version'], { encoding: 'utf8' });
if (yaraCli.status === 0) {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-'));
  try {
    const list = join(dir, 'files.txt');
    writeFileSync(
      list,
      malwareFiles
        .filter((f) => !archive.test(f.info.path))
        .map((f) => f.abs)
        .join('\n'),
    );
    const rules = join(dir, 'rules.yar');
    writeFileSync(rules, BUILTIN_YARA.map((b) => readFileSync(b.file, 'utf8')).join('\n'));
    const times = [];
    for (let i = 0; i < repeat; i++) {
      const s = performance.now();
      const r = spawnSync('yara', ['-p', '1', '--scan-list', rules, list], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      times.push((performance.now() - s) / 1000);
      if (r.status !== 0) console.log(`yara CLI failed: ${r.stderr.split('\n')[0]}`);
    }
    const ty = Math.min(...times);
    console.log(
      `peer      yara ${yaraCli.stdout.trim()} CLI -p 1 (libyara, same rules, files from page cache, all scopes on all files): ${mb(yaraBytes)} MB  ${ty.toFixed(2)} s  ${mb(yaraBytes / ty)} MB/s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else console.log('peer      yara CLI not installed (apt-get install yara): no peer figure');

// worst cases
const big = Buffer.alloc(50 * 1024 * 1024, 'abcdefghij0123456789+/');
Buffer.from(' ghp_abcdefghijklmnopqrstuvwxyz0123456789 ').copy(big, 25 * 1024 * 1024);
const bigEngine = new SecretEngine(builtinSecretRules, { maxFileSize: 64 * 1024 * 1024 });
const t1 = best(() => bigEngine.scan(big, { path: 'big.min.js' }));
const keywordy = Buffer.from('password=Zk3vQ9pLm2xT7wRb '.repeat(2_000_000));
const t2 = best(() => bigEngine.scan(keywordy, { path: 'app/x.env' }));
const lines = [];
for (let i = 0; i < 100_000; i++) lines.push(`line ${i} password: x token=${i}`);
const short = Buffer.from(lines.join('\n'));
const t3 = best(() => bigEngine.scan(short, { path: 'app/x.yaml' }));
console.log(
  `worst     50 MB single line ${t1.toFixed(2)} s (${mb(big.length / t1)} MB/s); ${mb(keywordy.length)} MB single line of password=… ${t2.toFixed(2)} s; 100,000 short keyword lines (${mb(short.length)} MB) ${t3.toFixed(2)} s`,
);
// pipeline: the fixture app image, packages only vs packages + secret + malware, cold (empty layer
// cache) and warm (the same cache again)
const fixtures = process.env.PALISADE_FIXTURES ?? join(root, 'test/fixtures/out');
const summary = join(fixtures, 'fixtures.json');
if (!existsSync(summary)) {
  console.log(
    `pipeline  no fixture images in ${fixtures} (test/fixtures/build-images.sh): no pipeline figures`,
  );
} else {
  const { scanImage } = await import('../src/scan/image.ts');
  const { threatAnalyzerOptions } = await import('../src/evaluate/threat-options.ts');
  const app = JSON.parse(readFileSync(summary, 'utf8')).images.find((i) => i.name === 'app');
  const ref = join(fixtures, app.dockerArchive);
  const run = async (scanners, cacheDir) => {
    const analyzerOptions = await threatAnalyzerOptions({}, scanners, root);
    const s = performance.now();
    const r = await scanImage(ref, { scanners, cacheDir, analyzerOptions });
    return { ms: performance.now() - s, report: r };
  };
  const cold = async (scanners) => {
    const times = [];
    let report;
    for (let i = 0; i < repeat; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-cache-'));
      try {
        const r = await run(scanners, dir);
        times.push(r.ms);
        report = r.report;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return { ms: Math.min(...times), report };
  };
  const pkgs = await cold([]);
  const threats = await cold(['secret', 'malware']);
  const warmDir = mkdtempSync(join(tmpdir(), 'palisade-bench-cache-'));
  let warmMs = Infinity;
  try {
    await run(['secret', 'malware'], warmDir);
    for (let i = 0; i < repeat; i++)
      warmMs = Math.min(warmMs, (await run(['secret', 'malware'], warmDir)).ms);
  } finally {
    rmSync(warmDir, { recursive: true, force: true });
  }
  const n = (k) => threats.report.findings.filter((f) => f.kind === k).length;
  console.log(
    `pipeline  fixture app image (${app.layers} layers): packages-only cold ${(pkgs.ms / 1000).toFixed(2)} s; ` +
      `+secret,malware cold ${(threats.ms / 1000).toFixed(2)} s (+${(((threats.ms - pkgs.ms) / pkgs.ms) * 100).toFixed(0)}%, target <= 50%); ` +
      `warm (layer cache) ${(warmMs / 1000).toFixed(2)} s; findings: ${n('secret')} secret, ${n('malware')} malware, ${n('misconfig')} misconfig`,
  );
}
