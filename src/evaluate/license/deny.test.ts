import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Package } from '../../core/types.js';
import { licenseFindings } from './deny.js';

const p = (name: string, licenses: string[], extra: Partial<Package> = {}): Package => ({
  name,
  version: '1.0.0',
  ecosystem: 'npm',
  purl: `pkg:npm/${name}@1.0.0`,
  licenses,
  locations: [{ path: `node_modules/${name}/package.json`, layerIndex: 3 }],
  foundBy: 'npm-package-json',
  ...extra,
});

test('deny list: globs, OR needs every branch denied, AND needs one', () => {
  const pkgs = [
    p('agpl', ['AGPL-3.0-only']),
    p('dual', ['AGPL-3.0-only OR MIT']),
    p('both', ['MIT AND GPL-3.0-or-later']),
    p('mit', ['MIT']),
    p('owned', ['AGPL-3.0-only'], { ownedBy: 'pkg:deb/debian/x@1' }),
  ];
  const f = licenseFindings(pkgs, { deny: ['AGPL-*', 'GPL-3.0*'] });
  assert.deepEqual(
    f.map((x) => x.pkg.name),
    ['agpl', 'both'],
  );
  assert.equal(f[0]!.id, 'license:AGPL-3.0-only');
  assert.equal(f[0]!.severity, 'high');
  assert.deepEqual(f[0]!.location, { path: 'node_modules/agpl/package.json', layerIndex: 3 });
  assert.equal(f[1]!.license, 'MIT AND GPL-3.0-or-later');
  // the default list denies network copyleft
  assert.deepEqual(
    licenseFindings(pkgs).map((x) => x.pkg.name),
    ['agpl'],
  );
  assert.throws(() => licenseFindings(pkgs, { deny: ['GPL (any)'] }), /license deny entry "GPL \(any\)"/);
});
