// Acceptance test of the scan spine (issue 2): the Debian packages `palisade image` reports for each
// fixture image, through every source format, equal as a set the ground truth that `dpkg-query -W`
// gave over the same squashed rootfs (name, version, source name, source version, architecture).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { captureIO } from '../../src/cli/capture-io.js';
import { commands } from '../../src/cli/commands/index.js';
import { main } from '../../src/cli/main.js';
import type { Package, Report } from '../../src/core/types.js';
import { fixtures, fixturesSkip, readTsv } from './fixtures.js';

const has = (verb: string) => commands.some((c) => c.name === verb);
const skipImage = fixturesSkip() || (!has('image') && 'palisade image not available yet');
const skipRootfs = fixturesSkip() || (!has('rootfs') && 'palisade rootfs not available yet');

const cacheRoot = mkdtempSync(join(tmpdir(), 'palisade-dpkg-truth-'));
after(() => rmSync(cacheRoot, { recursive: true, force: true }));
let n = 0;

const helpCache = new Map<string, string>();
async function help(verb: string): Promise<string> {
  if (!helpCache.has(verb)) {
    const io = captureIO();
    await main([verb, '--help'], io);
    helpCache.set(verb, io.out());
  }
  return helpCache.get(verb)!;
}

/** Packages only (the truth is about packages), each scan with its own empty layer cache. */
async function scan(args: string[]): Promise<Report> {
  const verb = args[0]!;
  const h = await help(verb);
  const extra = ['--format', 'json'];
  if (h.includes('--scanners')) extra.push('--scanners', 'none');
  if (h.includes('--cache-dir')) extra.push('--cache-dir', join(cacheRoot, String(n++)));
  const io = captureIO();
  const code = await main([...args, ...extra], io);
  assert.equal(code, 0, `palisade ${args.join(' ')} exited ${code}: ${io.err()}`);
  return JSON.parse(io.out()) as Report;
}

const debs = (r: Report) => r.packages.filter((p) => p.ecosystem === 'deb');
const row = (p: Package) =>
  [p.name, p.version, p.source?.name ?? p.name, p.source?.version ?? p.version, p.arch ?? ''].join('\t');

function assertEqualsTruth(report: Report, truthFile: string, what: string) {
  const got = debs(report).map(row);
  const want = new Set(readTsv(truthFile).map((r) => r.join('\t')));
  const gotSet = new Set(got);
  assert.equal(got.length, gotSet.size, `${what}: a package is reported twice`);
  const missing = [...want].filter((r) => !gotSet.has(r));
  const extra = [...gotSet].filter((r) => !want.has(r));
  const show = (rs: string[]) =>
    rs
      .slice(0, 15)
      .map((r) => `    ${r.replaceAll('\t', ' | ')}`)
      .join('\n');
  assert.ok(
    missing.length === 0 && extra.length === 0,
    `${what}: ${got.length} deb packages vs ${want.size} in ${truthFile}\n` +
      `  missing (${missing.length}):\n${show(missing)}\n  extra (${extra.length}):\n${show(extra)}`,
  );
}

function layerOf(report: Report, name: string): number | undefined {
  return debs(report).find((p) => p.name === name)?.locations[0]?.layerIndex;
}

describe('dpkg packages equal dpkg-query ground truth', () => {
  test('every image as docker-archive (uncompressed layers)', { skip: skipImage }, async () => {
    for (const img of Object.values(fixtures().images))
      assertEqualsTruth(
        await scan(['image', img.dockerArchive]),
        img.dpkgTruth,
        `${img.name} docker-archive`,
      );
  });

  test(
    'app as docker-archive with gzip layers, oci-archive and OCI layout',
    { skip: skipImage },
    async () => {
      const app = fixtures().images.app;
      for (const ref of [app.dockerArchiveGzip, app.ociArchive, `oci:${app.ociLayout}:${app.tag}`])
        assertEqualsTruth(await scan(['image', ref]), app.dpkgTruth, `app ${ref}`);
    },
  );

  test('packages carry the layer that brought them', { skip: skipImage }, async () => {
    const fx = fixtures();
    const app = await scan(['image', fx.images.app.dockerArchive]);
    assert.equal(layerOf(app, 'libc6'), 0, 'libc6 from the base layer');
    assert.equal(layerOf(app, 'python3-requests'), 1, 'python3-requests from the apt layer');
    const sec = await scan(['image', fx.images['base-security'].dockerArchive]);
    const base = new Map(readTsv(fx.images.base.dpkgTruth).map((r) => [r[0]!, r[1]!]));
    const upgraded = debs(sec).filter((p) => base.get(p.name) !== p.version);
    assert.ok(upgraded.length > 0);
    for (const p of upgraded) assert.equal(p.locations[0]?.layerIndex, 1, `${p.name} upgraded by layer 1`);
  });

  test(
    'multi-platform index: linux/amd64 by default, linux/arm64 on request',
    { skip: skipImage },
    async () => {
      const fx = fixtures();
      assertEqualsTruth(
        await scan(['image', `oci:${fx.multiarch.ociLayout}`]),
        fx.images.base.dpkgTruth,
        'multiarch default',
      );
      const arm = await scan(['image', `oci:${fx.multiarch.ociLayout}`, '--platform', 'linux/arm64']);
      assert.deepEqual(
        debs(arm).map((p) => `${p.name}/${p.arch}`),
        ['base-files/arm64'],
      );
    },
  );

  test('rootfs of base and app', { skip: skipRootfs }, async () => {
    const fx = fixtures();
    assertEqualsTruth(await scan(['rootfs', fx.rootfs.base]), fx.images.base.dpkgTruth, 'base rootfs');
    assertEqualsTruth(await scan(['rootfs', fx.rootfs.app]), fx.images.app.dpkgTruth, 'app rootfs');
  });
});
