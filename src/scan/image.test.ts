import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PalisadeError } from '../core/errors.js';
import {
  buildImage,
  DEBIAN_OS_RELEASE,
  dockerArchive,
  dpkgParagraph,
  ociArchive,
  writeOciLayout,
  type LayerSpec,
} from '../testing/image-builder.js';
import { scanImage } from './image.js';
import type { ScanOptions } from './options.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-scan-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(tmp, `t${n++}`);

const base: LayerSpec = {
  entries: [
    { name: 'etc/', type: '5' },
    { name: 'usr/lib/os-release', content: DEBIAN_OS_RELEASE },
    { name: 'etc/os-release', type: '2', linkname: '../usr/lib/os-release' },
    { name: 'etc/debian_version', content: '12.5\n' },
    {
      name: 'var/lib/dpkg/status',
      content:
        dpkgParagraph('libc6', '2.36-9+deb12u4', { source: 'glibc' }) +
        '\n' +
        dpkgParagraph('libssl3', '3.0.11-1~deb12u2', { source: 'openssl' }),
    },
    { name: 'var/lib/dpkg/info/libssl3:amd64.list', content: '/.\n/usr\n/usr/lib\n/usr/lib/libssl.so.3\n' },
    { name: 'opt/data/', type: '5' },
    { name: 'opt/data/a', content: 'a' },
    { name: 'opt/data/b', content: 'b' },
  ],
};

const app: LayerSpec = {
  entries: [
    {
      name: 'var/lib/dpkg/status',
      content:
        dpkgParagraph('libc6', '2.36-9+deb12u4', { source: 'glibc' }) +
        '\n' +
        dpkgParagraph('libssl3', '3.0.11-1~deb12u2', { source: 'openssl' }) +
        '\n' +
        dpkgParagraph('curl', '7.88.1-10+deb12u5') +
        '\n' +
        dpkgParagraph('libssl3', '3.0.11-1~deb12u2', { source: 'openssl', arch: 'i386' }),
    },
    { name: 'opt/data/.wh..wh..opq', content: '' },
    { name: 'opt/data/c', content: 'c' },
  ],
};

const removeCurl: LayerSpec = {
  entries: [
    {
      name: 'var/lib/dpkg/status',
      content:
        dpkgParagraph('libc6', '2.36-9+deb12u4', { source: 'glibc' }) +
        '\n' +
        dpkgParagraph('libssl3', '3.0.11-1~deb12u2', { source: 'openssl' }),
    },
    { name: 'var/lib/dpkg/info/.wh.libssl3:amd64.list', content: '' },
  ],
};

const opts = (extra: ScanOptions = {}): ScanOptions => ({
  scanners: [],
  cacheDir: join(tmp, 'cache-default'),
  ...extra,
});

function pkgs(r: Awaited<ReturnType<typeof scanImage>>) {
  return r.packages.map((p) => `${p.name}@${p.version}:${p.arch}@L${p.locations[0]?.layerIndex}`);
}

test('OCI layout: OS, dpkg packages with source, the layer that installed each, whiteouts applied', async () => {
  const dir = fresh();
  writeOciLayout(dir, [{ image: buildImage([base, app]), tag: 'v1' }]);
  const r = await scanImage(`oci:${dir}:v1`, opts({ noCache: true }));
  assert.equal(r.artifact.os?.family, 'debian');
  assert.equal(r.artifact.os?.version, '12.5');
  assert.equal(r.artifact.os?.codename, 'bookworm');
  assert.deepEqual(pkgs(r), [
    'curl@7.88.1-10+deb12u5:amd64@L1',
    'libc6@2.36-9+deb12u4:amd64@L0',
    'libssl3@3.0.11-1~deb12u2:amd64@L0',
    'libssl3@3.0.11-1~deb12u2:i386@L1',
  ]);
  const ssl = r.packages.find((p) => p.name === 'libssl3' && p.arch === 'amd64')!;
  assert.deepEqual(ssl.source, { name: 'openssl', version: '3.0.11-1~deb12u2' });
  assert.equal(
    ssl.purl,
    'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl',
  );
  assert.deepEqual(ssl.files, ['usr/lib/libssl.so.3']);
  assert.equal(ssl.locations[0]!.layerDiffId, r.artifact.layers[0]!.diffId);
  assert.equal(r.artifact.layers.length, 2);
  assert.equal(r.artifact.layers[1]!.createdBy, 'layer 1');
  assert.equal(r.artifact.config, undefined, 'raw config (Env may hold secrets) is not in the report');
});

test('a package removed by a later layer disappears; a whiteout removes its file list', async () => {
  const dir = fresh();
  writeOciLayout(dir, [{ image: buildImage([base, app, removeCurl]) }]);
  const r = await scanImage(dir, opts({ noCache: true }));
  assert.deepEqual(pkgs(r), ['libc6@2.36-9+deb12u4:amd64@L0', 'libssl3@3.0.11-1~deb12u2:amd64@L0']);
  assert.equal(r.packages.find((p) => p.name === 'libssl3')!.files, undefined);
});

test('docker-archive (uncompressed layers), oci-archive and OCI layout give the same packages', async () => {
  const image = buildImage([
    { ...base, compression: 'none' },
    { ...app, compression: 'none' },
  ]);
  const layout = fresh();
  writeOciLayout(layout, [{ image, tag: 'latest' }]);
  const da = join(tmp, `da${n++}.tar`);
  writeFileSync(da, dockerArchive(image, ['example/app:1.0']));
  const oa = join(tmp, `oa${n++}.tar`);
  writeFileSync(oa, ociArchive(layout));
  const a = await scanImage(da, opts({ noCache: true }));
  const b = await scanImage(`docker-archive:${da}`, opts({ noCache: true }));
  const c = await scanImage(oa, opts({ noCache: true }));
  const d = await scanImage(`oci-archive:${oa}:latest`, opts({ noCache: true }));
  const e = await scanImage(`oci:${layout}`, opts({ noCache: true }));
  for (const r of [b, c, d, e]) assert.deepEqual(pkgs(r), pkgs(a));
  assert.deepEqual(a.artifact.repoTags, ['example/app:1.0']);
  assert.equal(a.artifact.imageId, image.configDigest);
  assert.equal(c.artifact.digest, image.manifestDigest);
});

test('a gzip-compressed docker-archive (docker save | gzip) is read', async () => {
  const image = buildImage([base]);
  const { gzipSync } = await import('node:zlib');
  const file = join(tmp, `dagz${n++}.tar.gz`);
  writeFileSync(file, gzipSync(dockerArchive(image)));
  const r = await scanImage(file, opts({ noCache: true }));
  assert.equal(r.packages.length, 2);
});

test('zstd layers are read', { skip: !hasZstd() && 'zstd command not installed' }, async () => {
  const dir = fresh();
  writeOciLayout(dir, [{ image: buildImage([{ ...base, compression: 'zstd' }]) }]);
  const r = await scanImage(dir, opts({ noCache: true }));
  assert.equal(r.packages.length, 2);
});

function hasZstd(): boolean {
  try {
    execFileSync('zstd', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('a layer blob whose content does not match its digest is an error naming the blob', async () => {
  const dir = fresh();
  const image = buildImage([
    base,
    { ...app, tamper: (b) => Buffer.concat([b.subarray(0, b.length - 8), Buffer.alloc(8)]) },
  ]);
  writeOciLayout(dir, [{ image }]);
  await assert.rejects(scanImage(dir, opts({ noCache: true })), (e: unknown) => {
    assert.ok(e instanceof PalisadeError);
    assert.ok(['DIGEST_MISMATCH'].includes(e.code) || /corrupt/.test(e.message), e.message);
    return true;
  });
  const tampered = buildImage([
    {
      ...base,
      compression: 'none',
      tamper: (b) => Buffer.concat([b.subarray(0, 600), Buffer.from('X'), b.subarray(601)]),
    },
  ]);
  const dir2 = fresh();
  writeOciLayout(dir2, [{ image: tampered }]);
  await assert.rejects(scanImage(dir2, opts({ noCache: true })), (e: unknown) => {
    assert.ok(e instanceof PalisadeError && e.code === 'DIGEST_MISMATCH');
    assert.match(e.message, new RegExp(tampered.layers[0]!.digest));
    return true;
  });
});

test('multi-platform index: --platform picks, a miss lists the choices', async () => {
  const dir = fresh();
  const amd = buildImage([base]);
  const arm = buildImage([{ entries: [{ name: 'etc/alpine-release', content: '3.19.1\n' }] }], {
    architecture: 'arm64',
    variant: 'v8',
  });
  writeOciLayout(dir, [{ image: amd }, { image: arm }], { multiPlatform: 'multi' });
  const r1 = await scanImage(`oci:${dir}:multi`, opts({ noCache: true }));
  assert.equal(r1.artifact.platform, 'linux/amd64');
  assert.equal(r1.artifact.os?.family, 'debian');
  const r2 = await scanImage(`oci:${dir}:multi`, opts({ noCache: true, platform: 'linux/arm64' }));
  assert.equal(r2.artifact.platform, 'linux/arm64/v8');
  assert.equal(r2.artifact.os?.family, 'alpine');
  await assert.rejects(
    scanImage(`oci:${dir}:multi`, opts({ noCache: true, platform: 'linux/s390x' })),
    (e: unknown) => {
      assert.ok(e instanceof PalisadeError && e.code === 'PLATFORM_NOT_FOUND');
      assert.match(e.message, /linux\/amd64, linux\/arm64\/v8/);
      return true;
    },
  );
});

test('a missing tag names the tags the layout has', async () => {
  const dir = fresh();
  writeOciLayout(dir, [
    { image: buildImage([base]), tag: 'one' },
    { image: buildImage([app]), tag: 'two' },
  ]);
  await assert.rejects(scanImage(`oci:${dir}:three`, opts()), /no tag "three".*one, two/);
  await assert.rejects(scanImage(`oci:${dir}`, opts()), /holds 2 images.*one, two/);
});

test('layer cache: the second scan reads no layer and reports the same; a shared base is reused', async () => {
  const cacheDir = fresh();
  const dir = fresh();
  const image = buildImage([base, app]);
  writeOciLayout(dir, [{ image }]);
  const first = await scanImage(dir, opts({ cacheDir }));
  assert.deepEqual(
    first.artifact.layers.map((l) => l.cached),
    [false, false],
  );
  const second = await scanImage(dir, opts({ cacheDir }));
  assert.deepEqual(
    second.artifact.layers.map((l) => l.cached),
    [true, true],
  );
  assert.deepEqual(second.packages, first.packages);
  // another image on the same base layer analyses only its new layer
  const other = fresh();
  writeOciLayout(other, [{ image: buildImage([base, removeCurl]) }]);
  const third = await scanImage(other, opts({ cacheDir }));
  assert.deepEqual(
    third.artifact.layers.map((l) => l.cached),
    [true, false],
  );
  // --no-cache neither reads nor writes
  const nc = await scanImage(dir, opts({ cacheDir, noCache: true }));
  assert.deepEqual(
    nc.artifact.layers.map((l) => l.cached),
    [false, false],
  );
});

test('concurrent scans sharing a cache directory do not corrupt it', async () => {
  const cacheDir = fresh();
  const dir = fresh();
  writeOciLayout(dir, [{ image: buildImage([base, app]) }]);
  const results = await Promise.all(Array.from({ length: 6 }, () => scanImage(dir, opts({ cacheDir }))));
  for (const r of results) assert.deepEqual(pkgs(r), pkgs(results[0]!));
  const again = await scanImage(dir, opts({ cacheDir }));
  assert.deepEqual(
    again.artifact.layers.map((l) => l.cached),
    [true, true],
  );
  assert.deepEqual(pkgs(again), pkgs(results[0]!));
  // no temporary files left behind
  const leftovers = readdirSync(join(cacheDir, 'layers', 'v1'), { recursive: true }).filter((f) =>
    String(f).endsWith('.tmp'),
  );
  assert.deepEqual(leftovers, []);
});

test('hostile layer: escaping and absolute names, symlink loops and a truncated gzip become warnings', async () => {
  const dir = fresh();
  const image = buildImage([
    base,
    {
      entries: [
        { name: '../../etc/evil', content: 'x' },
        { name: '/abs/file', content: 'y' },
        { name: 'loop/a', type: '2', linkname: 'b' },
        { name: 'loop/b', type: '2', linkname: 'a' },
        { name: 'h', type: '1', linkname: '../../../etc/shadow' },
        { name: 'sparse', type: 'S', content: Buffer.alloc(512), realSize: 10 * 1024 ** 3 },
      ],
    },
  ]);
  writeOciLayout(dir, [{ image }]);
  const r = await scanImage(dir, opts({ noCache: true }));
  const codes = r.warnings.map((w) => w.code).sort();
  assert.deepEqual(codes, ['TAR_ABSOLUTE_PATH', 'TAR_LINK_ESCAPE', 'TAR_PATH_ESCAPE']);
  assert.equal(r.packages.length, 2);

  // a layer cut short: the scan continues, the layer is marked incomplete
  const cut = fresh();
  const broken = buildImage([base, { ...app, tamper: (b) => b.subarray(0, Math.floor(b.length / 2)) }]);
  const bl = broken.layers[1]!;
  // keep the manifest's digest honest about the truncated blob so only the gzip error remains
  const { createHash } = await import('node:crypto');
  bl.digest = `sha256:${createHash('sha256').update(bl.blob).digest('hex')}`;
  const fixed = {
    ...broken,
    manifest: Buffer.from(
      JSON.stringify({
        ...JSON.parse(broken.manifest.toString()),
        layers: broken.layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.blob.length })),
      }),
    ),
  };
  fixed.manifestDigest = `sha256:${createHash('sha256').update(fixed.manifest).digest('hex')}`;
  writeOciLayout(cut, [{ image: fixed }]);
  const r2 = await scanImage(cut, opts({ noCache: true }));
  assert.equal(r2.artifact.layers[1]!.incomplete, true);
  assert.ok(
    r2.warnings.some((w) => w.code === 'LAYER_INCOMPLETE' && /layer 1/.test(w.message)),
    JSON.stringify(r2.warnings),
  );
});

test('a decompression bomb stops at the byte limit with a warning', async () => {
  const dir = fresh();
  writeOciLayout(dir, [
    { image: buildImage([base, { entries: [{ name: 'zeros', content: Buffer.alloc(8 * 1024 * 1024) }] }]) },
  ]);
  const r = await scanImage(dir, opts({ noCache: true, maxLayerBytes: 1024 * 1024 }));
  assert.equal(r.artifact.layers[1]!.incomplete, true);
  assert.ok(
    r.warnings.some((w) => w.code === 'LAYER_INCOMPLETE' && /more than 1048576 bytes/.test(w.message)),
  );
  assert.equal(r.packages.length, 2);
});

test('a hardlinked file is analysed under the link name, from a second pass when needed', async () => {
  const dir = fresh();
  // the status file is a hardlink to data that no analyzer wanted on the first pass
  const image = buildImage([
    {
      entries: [
        { name: 'usr/lib/os-release', content: DEBIAN_OS_RELEASE },
        { name: 'srv/blob', content: dpkgParagraph('zlib1g', '1:1.2.13.dfsg-1', { source: 'zlib' }) },
        { name: 'var/lib/dpkg/status', type: '1', linkname: 'srv/blob' },
      ],
    },
  ]);
  writeOciLayout(dir, [{ image }]);
  const r = await scanImage(dir, opts({ noCache: true }));
  assert.deepEqual(pkgs(r), ['zlib1g@1:1.2.13.dfsg-1:amd64@L0']);
});

test('distroless: var/lib/dpkg/status.d/<pkg> files, md5sums ignored', async () => {
  const dir = fresh();
  writeOciLayout(dir, [
    {
      image: buildImage([
        {
          entries: [
            { name: 'etc/os-release', content: DEBIAN_OS_RELEASE },
            {
              name: 'var/lib/dpkg/status.d/base-files',
              content: dpkgParagraph('base-files', '12.4+deb12u5'),
            },
            { name: 'var/lib/dpkg/status.d/base-files.md5sums', content: 'abc  etc/debian_version\n' },
          ],
        },
        {
          entries: [
            {
              name: 'var/lib/dpkg/status.d/tzdata',
              content: dpkgParagraph('tzdata', '2024a-0+deb12u1', { arch: 'all' }),
            },
          ],
        },
      ]),
    },
  ]);
  const r = await scanImage(dir, opts({ noCache: true }));
  assert.deepEqual(pkgs(r), ['base-files@12.4+deb12u5:amd64@L0', 'tzdata@2024a-0+deb12u1:all@L1']);
  assert.equal(r.packages[1]!.locations[0]!.path, 'var/lib/dpkg/status.d/tzdata');
});
