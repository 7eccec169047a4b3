// The CycloneDX writer builds its JSON directly; the library's model and normaliser (kept in
// src/testing/cyclonedx-reference.ts) are the reference it must equal byte for byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Artifact, Package, Report } from '../core/types.js';
import { buildSampleReport, buildSuppressedSample, syntheticReport } from '../testing/sample-report.js';
import { referenceCyclonedxJson, referenceCyclonedxReport } from '../testing/cyclonedx-reference.js';
import { cyclonedxJson, cyclonedxWriter } from './cyclonedx.js';

function same(r: Report, what: string) {
  const ours = cyclonedxWriter.render(r, {});
  const ref = referenceCyclonedxReport(r);
  if (ours !== ref) {
    const a = ours.split('\n');
    const b = ref.split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    assert.fail(`${what}: differs from the library at line ${i + 1}:\n  ours: ${a[i]}\n  lib:  ${b[i]}`);
  }
}

test('cyclonedx: equals the library on the sample reports (vulnerabilities, VEX, suppressions)', async () => {
  same(await buildSampleReport(), 'sample');
  same(await buildSuppressedSample(), 'suppressed sample');
});

test('cyclonedx: equals the library on a 5,000-finding synthetic report', () => {
  same(syntheticReport(5000), 'synthetic 5000');
  same(syntheticReport(300, 7), 'synthetic 300');
});

const artifact: Artifact = {
  name: 'example.com/edge:1',
  type: 'container-image',
  digest: 'sha256:' + 'c'.repeat(64),
  layers: [
    { index: 0, diffId: 'sha256:' + '1'.repeat(64) },
    { index: 1, diffId: 'sha256:' + '0'.repeat(64) },
  ],
  os: { family: 'debian', version: '12' },
};

function pkg(p: Partial<Package> & Pick<Package, 'name' | 'version' | 'purl' | 'ecosystem'>): Package {
  return { foundBy: 'test', locations: [{ path: 'x', layerIndex: 0 }], ...p };
}

test('cyclonedx: equals the library on edge cases (licenses, hashes, groups, duplicates, dependencies)', () => {
  const sha512 = Buffer.alloc(64, 7).toString('base64');
  const packages: Package[] = [
    pkg({
      name: 'zeta',
      version: '1',
      purl: 'pkg:npm/zeta@1',
      ecosystem: 'npm',
      licenses: ['MIT', 'Apache-2.0'],
    }),
    pkg({
      name: 'Alpha',
      version: '2',
      purl: 'pkg:npm/%40scope/Alpha@2',
      ecosystem: 'npm',
      licenses: ['MIT', '(GPL-2.0-only OR BSD-3-Clause)', 'LicenseRef-Mine'],
      metadata: { integrity: `sha512-${sha512}`, sha512: 'sha1-' + Buffer.alloc(20, 1).toString('base64') },
      dependsOn: ['pkg:npm/zeta@1', 'pkg:npm/missing@0', 'pkg:npm/%40scope/Alpha@2'],
      dev: true,
    }),
    pkg({
      name: 'beta',
      version: '',
      purl: 'pkg:golang/example.com/beta@v0.0.0',
      ecosystem: 'golang',
      licenses: ['Not-A-Real-Spdx-Id', 'LicenseRef-Two'],
      metadata: { h1: 'h1:' + Buffer.alloc(10, 2).toString('base64') },
    }),
    pkg({
      name: 'gamma',
      version: '3',
      purl: 'pkg:deb/debian/gamma@3?arch=amd64',
      ecosystem: 'deb',
      arch: 'amd64',
      source: { name: 'gamma-src', version: '3' },
      locations: [
        { path: 'var/lib/dpkg/status', layerIndex: 1, layerDiffId: 'sha256:' + 'd'.repeat(64) },
        { path: 'app.jar', innerPath: 'lib/x.jar', layerIndex: 0 },
      ],
      dependsOn: ['pkg:npm/zeta@1'],
    }),
    // the same package again, found elsewhere
    pkg({
      name: 'zeta',
      version: '1',
      purl: 'pkg:npm/zeta@1',
      ecosystem: 'npm',
      locations: [{ path: 'other/node_modules/zeta/package.json' }],
    }),
    pkg({ name: 'not a purl', version: '1', purl: 'not-a-purl', ecosystem: 'generic' }),
    pkg({ name: 'EXPR', version: '1', purl: 'pkg:pypi/expr@1', ecosystem: 'pypi', licenses: ['MIT OR X11'] }),
  ];
  for (const a of [
    artifact,
    { ...artifact, type: 'filesystem' as const, digest: undefined, os: undefined },
  ]) {
    const input = { artifact: a, packages, createdAt: '2024-06-01T12:00:00.000Z' };
    assert.equal(cyclonedxJson(input), referenceCyclonedxJson(input));
  }
  const none = { artifact, packages: [], createdAt: '2024-06-01T12:00:00.000Z' };
  assert.equal(cyclonedxJson(none), referenceCyclonedxJson(none));
});
