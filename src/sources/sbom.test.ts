// SBOMs in: ours (round trip of the CycloneDX and SPDX writers), Syft- and Trivy-style documents;
// their packages match exactly as the scanned image's do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { matchPackages } from '../match/index.js';
import { cyclonedxJson } from '../report/cyclonedx.js';
import { spdxJson } from '../report/spdx.js';
import { buildSampleReport, sampleStore } from '../testing/sample-report.js';
import { parseSbom } from './sbom.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

test('Palisade CycloneDX and SPDX round trip: same packages, OS, sources, layers; same vulnerabilities', async () => {
  const report = await buildSampleReport();
  const store = await sampleStore();
  try {
    const fromImage = matchPackages(report.packages, report.artifact.os, store)
      .findings.map((f) => `${f.id} ${f.pkg.purl}`)
      .sort();
    assert.ok(fromImage.length >= 5);
    for (const [name, text] of [
      ['cdx', cyclonedxJson({ artifact: report.artifact, packages: report.packages })],
      ['spdx', spdxJson({ artifact: report.artifact, packages: report.packages })],
    ] as const) {
      const inv = parseSbom(text, `app.${name}.json`);
      assert.deepEqual(inv.warnings, [], name);
      assert.equal(inv.artifact.type, 'sbom');
      assert.equal(inv.artifact.os?.family, 'debian', name);
      assert.deepEqual(
        inv.packages.map((p) => p.purl).sort(),
        report.packages.map((p) => p.purl).sort(),
        name,
      );
      const ssl = inv.packages.find((p) => p.name === 'libssl3')!;
      assert.deepEqual(ssl.source, { name: 'openssl', version: '3.0.11-1~deb12u2' }, name);
      const lodash = inv.packages.find((p) => p.name === 'lodash')!;
      assert.deepEqual(
        lodash.locations.map((l) => [l.path, l.layerIndex]),
        [['app/node_modules/lodash/package.json', 1]],
        name,
      );
      const fromSbom = matchPackages(inv.packages, inv.artifact.os, store)
        .findings.map((f) => `${f.id} ${f.pkg.purl}`)
        .sort();
      assert.deepEqual(fromSbom, fromImage, `${name}: the SBOM's packages match as the image's`);
    }
    const cdx = parseSbom(cyclonedxJson({ artifact: report.artifact, packages: report.packages }), 'x');
    assert.deepEqual(
      cdx.artifact.layers.map((l) => l.index),
      [0, 1, 2],
    );
  } finally {
    store.close();
  }
});

test('Syft-style CycloneDX: nested components, OS component, upstream qualifier, locations, counted gaps', () => {
  const inv = parseSbom(readFileSync(here('./testdata/syft-style.cdx.json'), 'utf8'), 'syft.json');
  assert.equal(inv.format, 'cyclonedx');
  assert.deepEqual(inv.artifact.os, { family: 'alpine', version: '3.19.1' });
  assert.equal(inv.artifact.digest, 'sha256:' + '1'.repeat(64));
  const ssl = inv.packages.find((p) => p.name === 'libssl3')!;
  assert.deepEqual(ssl.source, { name: 'openssl', version: '3.1.4-r5' });
  assert.equal(ssl.ecosystem, 'apk');
  assert.deepEqual(ssl.locations, [{ path: 'lib/apk/db/installed' }]);
  const nested = inv.packages.find((p) => p.name === '@scope/nested')!;
  assert.equal(nested.locations[0]!.path, 'syft.json');
  assert.deepEqual(inv.packages.find((p) => p.name === 'minimist')!.dependsOn, [ssl.purl]);
  assert.deepEqual(inv.packages.find((p) => p.name === 'minimist')!.licenses, ['MIT']);
  assert.deepEqual(
    inv.warnings.map((w) => w.message),
    ['syft.json: 1 component has no purl and cannot be matched'],
  );
});

test('Trivy-style SPDX: OS package, source package from sourceInfo, purl versions', () => {
  const inv = parseSbom(readFileSync(here('./testdata/trivy-style.spdx.json'), 'utf8'), 'trivy.json');
  assert.equal(inv.format, 'spdx');
  assert.equal(inv.artifact.name, 'debian:12');
  assert.deepEqual(inv.artifact.os, { family: 'debian', version: '12.5' });
  assert.deepEqual(
    inv.packages.map((p) => [p.name, p.version, p.source]),
    [['zlib1g', '1:1.2.13.dfsg-1', { name: 'zlib', version: '1:1.2.13.dfsg-1' }]],
  );
  assert.deepEqual(inv.warnings, []);
});

test('not an SBOM, or hostile: one line naming the file, no crash', () => {
  assert.throws(
    () => parseSbom('{"hello":1}', 'x.json'),
    /^PalisadeError: x\.json: not a CycloneDX \(bomFormat\) or SPDX 2\.x/,
  );
  assert.throws(() => parseSbom('{"spdxVersion":"SPDX-3.0"}', 'x.json'), /SPDX 2\.x .*\(SPDX-3\.0\)/);
  assert.throws(() => parseSbom('not json', 'x.json'), /x\.json: not JSON/);
  // 10,000 levels of nested components: read to the depth limit, with a warning
  let comps = '[]';
  for (let i = 0; i < 10_000; i++)
    comps = `[{"type":"library","name":"n${i}","purl":"pkg:npm/n${i}@1","components":${comps}}]`;
  const inv = parseSbom(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":${comps}}`, 'deep.json');
  assert.equal(inv.packages.length, 65);
  assert.match(inv.warnings[0]!.message, /nested deeper than 64 levels/);
});
