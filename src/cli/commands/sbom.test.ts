/* eslint-disable @typescript-eslint/no-explicit-any -- SBOM documents are inspected as loose JSON */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';
import { buildImage, DEBIAN_OS_RELEASE, dpkgParagraph, writeOciLayout } from '../../testing/image-builder.js';
import { parseTarget } from '../../scan/target.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-sbom-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const lock = JSON.stringify({
  name: 'app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', dependencies: { ms: '^2.1.3' } },
    'node_modules/ms': { version: '2.1.3', license: 'MIT' },
  },
});
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
          { name: 'app/package-lock.json', content: lock },
          {
            name: 'app/node_modules/ms/package.json',
            content: JSON.stringify({ name: 'ms', version: '2.1.3', license: 'MIT' }),
          },
        ],
      },
    ]),
  },
]);
const project = join(tmp, 'project');
mkdirSync(project);
writeFileSync(join(project, 'package-lock.json'), lock);

async function run(...args: string[]) {
  const io = captureIO();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

test('target syntax: rootfs:, fs:, dir:, a plain directory, an OCI layout directory, an image ref', async () => {
  assert.deepEqual(await parseTarget('rootfs:/x'), { kind: 'rootfs', dir: '/x' });
  assert.deepEqual(await parseTarget('fs:/x'), { kind: 'fs', dir: '/x' });
  assert.deepEqual(await parseTarget('dir:/x'), { kind: 'fs', dir: '/x' });
  assert.deepEqual(await parseTarget(project), { kind: 'fs', dir: project });
  assert.deepEqual(await parseTarget(layout), { kind: 'image', ref: layout });
  assert.deepEqual(await parseTarget(`oci:${layout}:v1`), { kind: 'image', ref: `oci:${layout}:v1` });
});

test('palisade sbom IMAGE: CycloneDX 1.6 valid against the official schema, installed packages only', async () => {
  const r = await run('sbom', `oci:${layout}:v1`, '--no-cache', '-q');
  assert.equal(r.code, 0, r.err);
  assert.equal(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(r.out), null);
  const bom = JSON.parse(r.out);
  assert.deepEqual(bom.components.map((c: any) => c.purl).sort(), [
    'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl',
    'pkg:npm/ms@2.1.3',
  ]);
  const withLocks = JSON.parse(
    (await run('sbom', `oci:${layout}:v1`, '--no-cache', '-q', '--include-lockfiles')).out,
  );
  const ms = withLocks.components.filter((c: any) => c.purl === 'pkg:npm/ms@2.1.3');
  assert.equal(ms.length, 1, 'the same package from node_modules and the lockfile is one component');
  assert.ok(
    ms[0].properties.some((p: any) => p.value === 'app/package-lock.json'),
    JSON.stringify(ms[0].properties),
  );
});

test('palisade sbom fs:DIR --format spdx; rootfs:DIR; image --format cyclonedx; bad format is a usage error', async () => {
  const spdx = await run('sbom', `fs:${project}`, '--format', 'spdx', '-q');
  assert.equal(spdx.code, 0, spdx.err);
  const doc = JSON.parse(spdx.out);
  assert.equal(doc.spdxVersion, 'SPDX-2.3');
  assert.deepEqual(
    doc.packages.flatMap((p: any) => (p.externalRefs ?? []).map((r: any) => r.referenceLocator)),
    ['pkg:npm/ms@2.1.3'],
  );
  // rootfs mode reads no lockfiles
  const rootfs = JSON.parse((await run('sbom', `rootfs:${project}`, '-q')).out);
  assert.deepEqual(rootfs.components, []);
  const out = join(tmp, 'img.cdx.json');
  const img = await run(
    'image',
    `oci:${layout}:v1`,
    '--no-cache',
    '--scanners',
    'none',
    '-f',
    'cyclonedx',
    '-o',
    out,
  );
  assert.equal(img.code, 0, img.err);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).bomFormat, 'CycloneDX');
  const bad = await run('sbom', project, '--format', 'xml');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /xml/);
});

test('--license-deny and --license-policy: usage errors name the input; findings follow the policy', async () => {
  const bad = await run('fs', project, '--scanners', 'license', '--license-deny', 'GPL (any)');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--license-deny: license deny entry "GPL \(any\)"/);
  const deny = await run('fs', project, '--scanners', 'license', '--license-deny', 'MIT', '-f', 'json');
  assert.equal(deny.code, 0, deny.err);
  assert.deepEqual(
    JSON.parse(deny.out).findings.map((f: any) => [f.id, f.pkg.purl, f.severity]),
    [['license:MIT', 'pkg:npm/ms@2.1.3', 'high']],
  );
  const policy = join(tmp, 'policy.yaml');
  writeFileSync(policy, 'deny: [MI*]\nseverity: medium\n');
  const viaFile = await run('fs', project, '--scanners', 'license', '--license-policy', policy, '-f', 'json');
  assert.deepEqual(
    JSON.parse(viaFile.out).findings.map((f: any) => f.severity),
    ['medium'],
  );
  writeFileSync(policy, 'deny: MIT\n');
  const badFile = await run('fs', project, '--scanners', 'license', '--license-policy', policy);
  assert.equal(badFile.code, 2);
  assert.match(badFile.err, /policy\.yaml: "deny" must be a list/);
  const missing = await run('fs', project, '--license-policy', join(tmp, 'nope.yaml'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--license-policy .*nope\.yaml: ENOENT/);
});
