import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';
import { buildImage, DEBIAN_OS_RELEASE, dpkgParagraph, writeOciLayout } from '../../testing/image-builder.js';
import { reportSchemaErrors } from '../../testing/schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
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
            content: dpkgParagraph('libssl3', '3.0.11-1~deb12u2', { source: 'openssl' }),
          },
        ],
        createdBy: '|1 NPM_TOKEN=npm_abcdefghijklmnop /bin/sh -c apt-get install libssl3',
      },
    ]),
  },
]);

test('palisade image --format json writes a report that validates against the schema', async () => {
  const io = captureIO();
  const out = join(tmp, 'r.json');
  const code = await main(
    [
      'image',
      `oci:${layout}:v1`,
      '--format',
      'json',
      '--output',
      out,
      '--cache-dir',
      join(tmp, 'c'),
      '--scanners',
      'none',
    ],
    io,
  );
  assert.equal(code, 0, io.err());
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(reportSchemaErrors(report), '');
  assert.equal(report.packages[0].name, 'libssl3');
  assert.equal(report.packages[0].files, undefined);
  assert.equal(
    report.artifact.layers[0].createdBy,
    '|1 NPM_TOKEN=npm_**** /bin/sh -c apt-get install libssl3',
  );
});

test('palisade image table output names the image, OS and package counts', async () => {
  const io = captureIO();
  const code = await main(
    ['image', `oci:${layout}:v1`, '--no-cache', '--scanners', 'none', '--list-packages'],
    io,
  );
  assert.equal(code, 0, io.err());
  assert.match(io.out(), /debian 12/);
  assert.match(io.out(), /Packages: 1 \(deb: 1\), 1 layers/);
  assert.match(io.out(), /libssl3 +\| 3\.0\.11-1~deb12u2 \| deb +\| openssl 3\.0\.11-1~deb12u2/);
});

test('input errors exit 2 with one line naming the input', async () => {
  const io = captureIO();
  assert.equal(await main(['image', join(tmp, 'nope.tar'), '--no-cache'], io), 2);
  assert.match(io.err(), /^palisade: [^\n]*nope\.tar: no such file or directory[^\n]*\n$/);
  const io2 = captureIO();
  assert.equal(await main(['image', `oci:${layout}:v9`, '--no-cache'], io2), 2);
  assert.match(io2.err(), /no tag "v9" in the layout; tags: v1/);
  const io3 = captureIO();
  assert.equal(await main(['image', layout, '--scanners', 'bogus'], io3), 2);
  assert.match(io3.err(), /--scanners: unknown scanner "bogus"/);
});

test('rootfs scan of a directory and cache clean', async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const root = join(tmp, 'root');
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), DEBIAN_OS_RELEASE);
  writeFileSync(join(root, 'var/lib/dpkg/status'), dpkgParagraph('bash', '5.2.15-2+b2'));
  const io = captureIO();
  assert.equal(await main(['rootfs', root, '--format', 'json', '--scanners', 'none'], io), 0, io.err());
  const report = JSON.parse(io.out());
  assert.equal(reportSchemaErrors(report), '');
  assert.deepEqual(
    report.packages.map((p: { name: string }) => p.name),
    ['bash'],
  );
  assert.equal(report.packages[0].locations[0].layerIndex, undefined);
  const io2 = captureIO();
  assert.equal(await main(['cache', 'clean', '--cache-dir', join(tmp, 'c')], io2), 0);
  assert.match(io2.out(), /^removed \d+ files/);
});
