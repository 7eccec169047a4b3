#!/usr/bin/env node
// Registry pull+scan against scanning the same image's docker-archive (issue 3), and the layer-blob
// downloads of a second, cached scan.
//
//   node --import tsx bench/registry.mjs [--runs 3] [--scanners vuln,secret]
//
// The image is the fixtures' app image (test/fixtures/build-images.sh; the OCI layout's "app" tag,
// pushed as-is with skopeo to a Debian docker-registry started here on 127.0.0.1), else a synthetic
// image built with the project's image builder. The archive side is `docker save` format
// (archives/app.docker.tar, uncompressed layers) and the gzip-layer docker-archive beside it.
// Every run is cold (--no-cache); wall time is from spawn to exit of `node bin/palisade.js`. Blob
// downloads are counted in the registry's access log.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateFixtures, SHARED_FIXTURES_DIR } from '../test/fixtures/locate.mjs';
import { blobGets, missingRegistryTools, push, startRegistry } from '../test/e2e/registry/harness.ts';
import { measure, median } from './measure.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PALISADE = join(REPO_ROOT, 'bin/palisade.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('--runs', '3'));
const scanners = opt('--scanners', 'vuln,secret');
const log = (s) => process.stderr.write(`${s}\n`);

const missing = missingRegistryTools();
if (missing) {
  log(`bench/registry: ${missing}`);
  process.exit(2);
}
const b = spawnSync('npm', ['run', '--silent', 'build'], {
  cwd: REPO_ROOT,
  stdio: ['ignore', 'ignore', 'pipe'],
});
if (b.status !== 0) {
  log(`npm run build failed:\n${b.stderr}`);
  process.exit(3);
}

const scratch = mkdtempSync(join(tmpdir(), 'palisade-bench-registry-'));
// fixtures.json is written last by build-images.sh; the images are usable as soon as they exist
const fxDir = [locateFixtures().dir, SHARED_FIXTURES_DIR].find((d) =>
  existsSync(join(d, 'archives/app.docker.tar')),
);
let layoutRef;
let archive;
let archiveGz;
let source;
if (fxDir && existsSync(join(fxDir, 'oci/index.json'))) {
  layoutRef = `oci:${join(fxDir, 'oci')}:app`;
  archive = join(fxDir, 'archives/app.docker.tar');
  archiveGz = join(fxDir, 'archives/app.docker-gz.tar');
  source = `fixtures app image (${fxDir})`;
} else {
  const { buildImage, writeOciLayout, dockerArchive, DEBIAN_OS_RELEASE, dpkgParagraph } =
    await import('../src/testing/image-builder.ts');
  const files = (prefix, n, size) =>
    Array.from({ length: n }, (_, i) => ({ name: `${prefix}/f${i}.js`, content: `// ${i}\n`.repeat(size) }));
  const img = buildImage([
    {
      entries: [
        { name: 'etc/os-release', content: DEBIAN_OS_RELEASE },
        {
          name: 'var/lib/dpkg/status',
          content: Array.from({ length: 100 }, (_, i) => dpkgParagraph(`pkg${i}`, '1.0-1')).join('\n'),
        },
        ...files('usr/lib', 2000, 2000),
      ],
    },
    { entries: files('app/node_modules', 3000, 500) },
  ]);
  writeOciLayout(join(scratch, 'layout'), [{ image: img, tag: 'app' }]);
  layoutRef = `oci:${join(scratch, 'layout')}:app`;
  archive = join(scratch, 'app.docker.tar');
  writeFileSync(archive, dockerArchive(img));
  source = 'synthetic image (fixtures not built: sudo test/fixtures/build-images.sh)';
}

const reg = await startRegistry();
const ref = `${reg.host}/bench/app:1`;
await push(layoutRef, ref);
log(`image: ${source}; pushed to ${ref}`);

const env = {
  ...process.env,
  HOME: scratch,
  DOCKER_CONFIG: join(scratch, 'nocfg'),
  DOCKER_HOST: `unix://${scratch}/none.sock`,
};
const cmd = (target, extra) => [
  process.execPath,
  PALISADE,
  'image',
  target,
  '--format',
  'json',
  '--quiet',
  '--scanners',
  scanners,
  ...extra,
];

// The cases take turns within each run (archive, gzip archive, registry, then again), so a change
// in machine load during the benchmark falls on every case alike instead of on one block of runs.
const cases = [
  { label: 'docker-archive (docker save, uncompressed layers)', argv: cmd(archive, ['--no-cache']) },
];
if (archiveGz && existsSync(archiveGz))
  cases.push({ label: 'docker-archive (gzip layers)', argv: cmd(archiveGz, ['--no-cache']) });
cases.push({
  label: 'registry pull+scan (gzip layers over HTTP)',
  argv: cmd(ref, ['--no-cache', '--image-src', 'registry']),
});
const walls = cases.map(() => []);
const lasts = [];
for (let i = 0; i < runs; i++)
  for (const [k, c] of cases.entries()) {
    const r = await measure(c.argv, { env, cwd: REPO_ROOT, offline: false });
    if (r.code !== 0 && r.code !== 1) {
      log(`${c.label} failed (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
      process.exit(3);
    }
    walls[k].push(r.wallMs);
    lasts[k] = r;
  }
const rows = cases.map((c, k) => {
  const doc = JSON.parse(lasts[k].stdout);
  return {
    label: c.label,
    wallMs: median(walls[k]),
    rssMb: lasts[k].peakRssBytes / 1e6,
    packages: doc.packages.length,
    findings: doc.findings.length,
  };
});

// second scan: the layer cache holds every layer, so no layer blob is fetched
const cacheDir = join(scratch, 'cache');
const manifest = spawnSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`], {
  encoding: 'utf8',
});
const layerDigests = JSON.parse(manifest.stdout).layers.map((l) => l.digest);
// each scan's layer-blob GETs, counted in the registry's access log once it has settled
await reg.settle();
async function cachedScan(name) {
  const before = blobGets(reg.log(), layerDigests);
  const r = await measure(cmd(ref, ['--cache-dir', cacheDir, '--image-src', 'registry']), {
    env,
    cwd: REPO_ROOT,
    offline: false,
  });
  await reg.settle();
  const fetched = blobGets(reg.log(), layerDigests) - before;
  if (r.code !== 0 && r.code !== 1)
    log(`${name} cached scan failed (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
  else
    log(
      `${name} cached scan: layers cached ${JSON.stringify(JSON.parse(r.stdout).artifact.layers.map((l) => l.cached))}`,
    );
  return { wallMs: r.wallMs, fetched };
}
const first = await cachedScan('first');
const second = await cachedScan('second');
await reg.stop();
rmSync(scratch, { recursive: true, force: true });

console.log(
  `\nRegistry pull+scan vs docker-archive (${runs} runs, median wall time; --scanners ${scanners})\n`,
);
console.log('| case | wall s | peak RSS MB | packages | findings |');
console.log('|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.label} | ${(r.wallMs / 1000).toFixed(2)} | ${r.rssMb.toFixed(0)} | ${r.packages} | ${r.findings} |`,
  );
const base = rows[0];
const pull = rows[rows.length - 1];
const ratio = pull.wallMs / base.wallMs;
const gz = rows.find((r) => r.label.includes('gzip layers)'));
console.log(
  `\npull+scan / docker-archive scan: ${ratio.toFixed(2)}x (target <= 1.3x: ${ratio <= 1.3 ? 'met' : 'NOT met'})`,
);
if (gz)
  console.log(
    `pull+scan / gzip-layer docker-archive scan: ${(pull.wallMs / gz.wallMs).toFixed(2)}x (the same gunzip work; what is left is the registry and HTTP)`,
  );
console.log(
  `layer blobs fetched: first cached scan ${first.fetched} of ${layerDigests.length} (${(first.wallMs / 1000).toFixed(2)} s), second scan ${second.fetched} (${(second.wallMs / 1000).toFixed(2)} s) (target 0: ${second.fetched === 0 ? 'met' : 'NOT met'})`,
);
