import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Package } from '../core/types.js';
import { markOsOwnership, unowned } from './ownership.js';
import { rpmSqlite } from './pkg/rpm-sqlite.js';
import { pythonMetadata } from './lang/python/metadata.js';
import { analyzeBuffer } from './testutil.js';

const deb = (name: string, files: string[]): Package => ({
  name,
  version: '1',
  ecosystem: 'deb',
  purl: `pkg:deb/debian/${name}@1`,
  locations: [{ path: 'var/lib/dpkg/status' }],
  files,
  foundBy: 'dpkg-status',
});
const lang = (purl: string, path: string): Package => ({
  name: purl,
  version: '1',
  ecosystem: 'pypi',
  purl,
  locations: [{ path }],
  foundBy: 'python-metadata',
});

test("Debian's python3-requests owns its egg-info; a pip-installed package stays", () => {
  const pkgs = [
    deb('python3-requests', [
      'usr/lib/python3/dist-packages/requests/__init__.py',
      'usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO',
    ]),
    lang('pkg:pypi/requests@2.28.1', 'usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO'),
    lang('pkg:pypi/flask@3.0.0', 'usr/local/lib/python3.11/dist-packages/flask-3.0.0.dist-info/METADATA'),
  ];
  const out = markOsOwnership(pkgs);
  assert.equal(out[1]!.ownedBy, 'pkg:deb/debian/python3-requests@1');
  assert.equal(out[2]!.ownedBy, undefined);
  assert.deepEqual(
    unowned(out).map((p) => p.purl),
    ['pkg:deb/debian/python3-requests@1', 'pkg:pypi/flask@3.0.0'],
  );
});

test('ownership through a directory entry and across usr-merge', () => {
  const out = markOsOwnership([
    deb('node-ms', ['usr/share/nodejs/ms', 'usr/share/nodejs/node_modules/ms']),
    deb('golang-bin', ['bin/hello']),
    { ...lang('pkg:npm/ms@2.1.3', 'usr/share/nodejs/node_modules/ms/package.json'), ecosystem: 'npm' },
    { ...lang('pkg:golang/stdlib@1.19', 'usr/bin/hello'), ecosystem: 'golang' },
  ]);
  assert.equal(out[2]!.ownedBy, 'pkg:deb/debian/node-ms@1');
  assert.equal(out[3]!.ownedBy, 'pkg:deb/debian/golang-bin@1');
});

test('rpm file lists from a real rpmdb own the dist-info they ship', async () => {
  const db = readFileSync(fileURLToPath(new URL('./pkg/testdata/rpm/rpmdb.sqlite', import.meta.url)));
  const rpm = await analyzeBuffer(rpmSqlite, 'var/lib/rpm/rpmdb.sqlite', db);
  const meta = 'usr/lib/python3.9/site-packages/requests-2.25.1.dist-info/METADATA';
  const py = await analyzeBuffer(
    pythonMetadata,
    meta,
    'Metadata-Version: 2.1\nName: requests\nVersion: 2.25.1\n',
  );
  const out = markOsOwnership([...rpm.packages!, ...py.packages!]);
  assert.equal(
    out.find((p) => p.ecosystem === 'pypi')!.ownedBy,
    'pkg:rpm/rpm/python3-palisade-requests@2.25.1-4.el9?arch=noarch',
  );
});
