// The catalog stages through the whole image pipeline: OS ownership, Debian copyright licenses,
// --scanners license with a deny list, --include-lockfiles (and its layer-cache key), rpm purls from
// the detected OS.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildImage, DEBIAN_OS_RELEASE, dpkgParagraph, writeOciLayout } from '../testing/image-builder.js';
import { scanRootfs } from './filesystem.js';
import { scanImage } from './image.js';
import { activeAnalyzers } from './active-analyzers.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-catstages-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const EGG = 'usr/lib/python3/dist-packages/requests-2.28.1.egg-info';
const DEP5 = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: requests

Files: *
Copyright: 2019 Kenneth Reitz
License: Apache-2.0

Files: debian/*
Copyright: 2012 Debian Python Team
License: GPL-2+

License: Apache-2.0
 Licensed under the Apache License, Version 2.0 …
`;

const layout = join(tmp, 'layout');
writeOciLayout(layout, [
  {
    tag: 'v1',
    image: buildImage([
      {
        entries: [
          { name: 'etc/os-release', content: DEBIAN_OS_RELEASE },
          {
            name: 'var/lib/dpkg/status',
            content:
              dpkgParagraph('python3-requests', '2.28.1+dfsg-1', { source: 'requests', arch: 'all' }) +
              '\n' +
              dpkgParagraph('libfoo1', '1.0-1', { source: 'foo' }),
          },
          {
            name: 'var/lib/dpkg/info/python3-requests.list',
            content: `/.\n/usr\n/${EGG}\n/${EGG}/PKG-INFO\n/usr/share/doc/python3-requests/copyright\n`,
          },
          { name: `${EGG}/PKG-INFO`, content: 'Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\n' },
          { name: 'usr/share/doc/python3-requests/copyright', content: DEP5 },
          { name: 'usr/share/doc/libfoo-common/copyright', content: DEP5.replace(/Apache-2\.0/g, 'MIT') },
          { name: 'usr/share/doc/libfoo1', type: '2', linkname: 'libfoo-common' },
        ],
      },
      {
        entries: [
          {
            name: 'app/node_modules/left-pad/package.json',
            content: JSON.stringify({ name: 'left-pad', version: '1.3.0', license: 'AGPL-3.0-only' }),
          },
          {
            name: 'app/package-lock.json',
            content: JSON.stringify({
              name: 'app',
              lockfileVersion: 3,
              packages: {
                '': { name: 'app', dependencies: { 'left-pad': '^1.3.0' } },
                'node_modules/left-pad': { version: '1.3.0', license: 'AGPL-3.0-only' },
              },
            }),
          },
        ],
      },
    ]),
  },
]);

test('OS-owned language packages keep ownedBy; deb licenses from DEP-5, through doc-dir symlinks', async () => {
  const r = await scanImage(`oci:${layout}:v1`, { noCache: true, scanners: [] });
  const requests = r.packages.find((p) => p.ecosystem === 'pypi')!;
  assert.match(requests.ownedBy ?? '', /^pkg:deb\/debian\/python3-requests@2\.28\.1\+dfsg-1\?/);
  const deb = r.packages.find((p) => p.name === 'python3-requests')!;
  // the debian/* paragraph licenses the packaging only, not what the package ships
  assert.deepEqual(deb.licenses, ['Apache-2.0']);
  assert.deepEqual(r.packages.find((p) => p.name === 'libfoo1')!.licenses, ['MIT']);
  const npm = r.packages.filter((p) => p.ecosystem === 'npm');
  assert.deepEqual(
    npm.map((p) => p.foundBy),
    ['npm-package-json'],
    'image mode reads installed evidence only',
  );
  assert.equal(npm[0]!.ownedBy, undefined);
});

test('--scanners license: deny list from options; OS-owned packages judged through their OS package', async () => {
  const def = await scanImage(`oci:${layout}:v1`, { noCache: true, scanners: ['license'] });
  assert.deepEqual(
    def.findings.map((f) => [f.id, f.kind === 'license' ? f.pkg.name : '']),
    [['license:AGPL-3.0-only', 'left-pad']],
  );
  const custom = await scanImage(`oci:${layout}:v1`, {
    noCache: true,
    scanners: ['license'],
    license: { deny: ['Apache-*'], severity: 'low' },
  });
  // the PyPI requests is owned by the deb; the deb itself is what the policy sees
  assert.deepEqual(
    custom.findings.map((f) => [f.id, f.kind === 'license' ? f.pkg.purl.split('?')[0] : '', f.severity]),
    [['license:Apache-2.0', 'pkg:deb/debian/python3-requests@2.28.1+dfsg-1', 'low']],
  );
  const none = await scanImage(`oci:${layout}:v1`, { noCache: true, scanners: [] });
  assert.equal(none.findings.length, 0);
});

test('--include-lockfiles: lockfile analyzers run in image mode, and the layer cache tells the two apart', async () => {
  const cacheDir = join(tmp, 'cache');
  const plain = await scanImage(`oci:${layout}:v1`, { cacheDir, scanners: [] });
  const withLocks = await scanImage(`oci:${layout}:v1`, { cacheDir, scanners: [], includeLockfiles: true });
  assert.deepEqual(
    withLocks.artifact.layers.map((l) => l.cached),
    [false, false],
    'a cache entry made without lockfile analyzers must not serve a scan with them',
  );
  const again = await scanImage(`oci:${layout}:v1`, { cacheDir, scanners: [], includeLockfiles: true });
  assert.deepEqual(
    again.artifact.layers.map((l) => l.cached),
    [true, true],
  );
  const foundBy = (r: typeof plain) =>
    r.packages
      .filter((p) => p.ecosystem === 'npm')
      .map((p) => p.foundBy)
      .sort();
  assert.deepEqual(foundBy(plain), ['npm-package-json']);
  assert.deepEqual(foundBy(withLocks), ['npm-package-json', 'npm-package-lock']);
  assert.deepEqual(foundBy(again), foundBy(withLocks));
  const ids = (o: Parameters<typeof activeAnalyzers>[0]) => activeAnalyzers(o, 'rootfs').map((a) => a.id);
  assert.ok(!ids({}).includes('npm-package-lock'));
  assert.ok(ids({ includeLockfiles: true }).includes('npm-package-lock'));
});

test('rpm purls take their namespace and distro qualifier from the detected OS', async () => {
  const root = join(tmp, 'rhel');
  const db = join(root, 'var/lib/rpm/rpmdb.sqlite');
  mkdirSync(dirname(db), { recursive: true });
  mkdirSync(join(root, 'etc'), { recursive: true });
  copyFileSync(fileURLToPath(new URL('../catalog/pkg/testdata/rpm/rpmdb.sqlite', import.meta.url)), db);
  writeFileSync(
    join(root, 'etc/os-release'),
    'ID="rhel"\nVERSION_ID="9.3"\nNAME="Red Hat Enterprise Linux"\n',
  );
  const r = await scanRootfs(root, { scanners: [] });
  const hello = r.packages.find((p) => p.name === 'palisade-hello')!;
  assert.equal(hello.purl, 'pkg:rpm/redhat/palisade-hello@1.2.3-4.el9?arch=x86_64&distro=rhel-9.3&epoch=2');
  assert.deepEqual(hello.locations, [{ path: 'var/lib/rpm/rpmdb.sqlite' }]);
});
