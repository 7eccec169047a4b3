import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Package } from '../../../core/types.js';
import { analyzeBuffer } from '../../testutil.js';
import { pythonMetadata } from './metadata.js';
import { parsePipfileLock } from './pipfile-lock.js';
import { parsePoetryLock } from './poetry-lock.js';
import { parseRequirements } from './requirements.js';
import { parseUvLock } from './uv-lock.js';

const td = (n: string) => readFileSync(fileURLToPath(new URL(`./testdata/${n}`, import.meta.url)));
const summary = (ps: Package[]) => ps.map((p) => `${p.purl}${p.dev ? ' dev' : ''}`).sort();

test('dist-info METADATA: PEP 503 purl, license expression, classifier fallback', async () => {
  const meta = [
    'Metadata-Version: 2.1',
    'Name: Zope.Interface',
    'Version: 6.0',
    'Summary: Interfaces',
    'License: ZPL 2.1',
    'License-Expression: ZPL-2.1',
    'Classifier: License :: OSI Approved :: Zope Public License',
    'Requires-Dist: setuptools',
    '',
    'Body with License: fake',
  ].join('\n');
  const r = await analyzeBuffer(
    pythonMetadata,
    'usr/lib/python3/site-packages/zope.interface-6.0.dist-info/METADATA',
    meta,
  );
  const p = r.packages![0]!;
  assert.equal(p.purl, 'pkg:pypi/zope-interface@6.0');
  assert.equal(p.name, 'Zope.Interface');
  assert.deepEqual(p.licenses, ['ZPL-2.1']);
  const cls = await analyzeBuffer(
    pythonMetadata,
    'x/requests-2.28.1.egg-info/PKG-INFO',
    'Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: Apache Software License\n',
  );
  assert.deepEqual(cls.packages![0]!.licenses, ['Apache-2.0']);
});

test("Debian's dist-packages: egg-info directories and bare egg-info files", async () => {
  assert.ok(
    pythonMetadata.required('usr/lib/python3/dist-packages/six-1.16.0.egg-info', {
      path: '',
      type: 'file',
      size: 1,
      mode: 0o644,
      uid: 0,
      gid: 0,
    }),
  );
  const r = await analyzeBuffer(
    pythonMetadata,
    'usr/lib/python3/dist-packages/six-1.16.0.egg-info',
    'Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n',
  );
  assert.equal(r.packages![0]!.purl, 'pkg:pypi/six@1.16.0');
  assert.deepEqual(r.packages![0]!.licenses, ['MIT']);
  const bad = await analyzeBuffer(pythonMetadata, 'a/x-1.dist-info/METADATA', 'garbage');
  assert.equal(bad.packages!.length, 0);
});

test('requirements.txt: only pinned lines, extras/markers/hashes dropped', () => {
  assert.deepEqual(summary(parseRequirements(td('requirements-dev.txt').toString(), 'r.txt')), [
    'pkg:pypi/django@4.2.1',
    'pkg:pypi/requests@2.31.0',
    'pkg:pypi/zope-interface@6.0',
  ]);
});

test('poetry.lock: groups/category to dev, dependency edges by normalised name', () => {
  const ps = parsePoetryLock(td('poetry.lock').toString(), 'poetry.lock');
  assert.deepEqual(summary(ps), [
    'pkg:pypi/certifi@2023.7.22',
    'pkg:pypi/pytest@7.4.0 dev',
    'pkg:pypi/requests@2.31.0',
  ]);
  assert.deepEqual(ps.find((p) => p.name === 'Requests')!.dependsOn, ['pkg:pypi/certifi@2023.7.22']);
});

test('Pipfile.lock: develop-only is dev, shared packages are prod', () => {
  assert.deepEqual(summary(parsePipfileLock(td('Pipfile.lock'), 'Pipfile.lock')), [
    'pkg:pypi/pytest@7.4.0 dev',
    'pkg:pypi/requests@2.31.0',
    'pkg:pypi/zope-interface@6.0',
  ]);
});

test('uv.lock: project left out, dev by reachability', () => {
  const ps = parseUvLock(td('uv.lock').toString(), 'uv.lock');
  assert.deepEqual(summary(ps), [
    'pkg:pypi/certifi@2024.8.30',
    'pkg:pypi/pytest@8.3.3 dev',
    'pkg:pypi/requests@2.32.3',
  ]);
  assert.deepEqual(ps.find((p) => p.name === 'requests')!.dependsOn, ['pkg:pypi/certifi@2024.8.30']);
});
