import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FileResult } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { analyzeBuffer } from '../../testutil.js';
import { parseBunLock } from './bun-lock.js';
import { npmPackageJson } from './package-json.js';
import { parsePackageLock } from './package-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parseYarnLock } from './yarn-lock.js';

const td = (n: string) => readFileSync(fileURLToPath(new URL(`./testdata/${n}`, import.meta.url)));
const summary = (ps: Package[]) => ps.map((p) => `${p.purl}${p.dev ? ' dev' : ''}`).sort();

test('installed package.json: scoped, nested, license, path', async () => {
  const r = await analyzeBuffer(
    npmPackageJson,
    'app/node_modules/@types/node/package.json',
    JSON.stringify({ name: '@types/node', version: '20.1.0', license: 'MIT' }),
  );
  assert.equal(r.packages![0]!.purl, 'pkg:npm/%40types/node@20.1.0');
  assert.deepEqual(r.packages![0]!.licenses, ['MIT']);
  assert.deepEqual(r.packages![0]!.locations, [{ path: 'app/node_modules/@types/node/package.json' }]);
  const nested = await analyzeBuffer(
    npmPackageJson,
    'app/node_modules/a/node_modules/b/package.json',
    JSON.stringify({ name: 'b', version: '1.0.0', license: { type: 'Apache 2.0' } }),
  );
  assert.deepEqual(nested.packages![0]!.licenses, ['Apache-2.0']);
  // a package.json deeper inside a package (lib/, test fixtures) is not an installed package
  const inner = await analyzeBuffer(
    npmPackageJson,
    'app/node_modules/a/lib/package.json',
    '{"type":"module"}',
  );
  assert.equal(inner.packages, undefined);
  // broken installed manifest: a warning naming it
  const bad = await analyzeBuffer(npmPackageJson, 'node_modules/x/package.json', '{oops');
  assert.match(bad.warnings![0]!.message, /node_modules\/x\/package.json: invalid JSON/);
});

test('workspaces: members reported, the app root and stray manifests not', async () => {
  const files: [string, object][] = [
    ['srv/package.json', { name: 'app', version: '1.0.0', workspaces: ['packages/*'] }],
    ['srv/packages/util/package.json', { name: '@app/util', version: '0.1.0', license: 'ISC' }],
    ['srv/docs/package.json', { name: 'docs', version: '0.0.1' }],
    ['srv/node_modules/ms/package.json', { name: 'ms', version: '2.1.3' }],
  ];
  const results: FileResult[] = [];
  for (const [path, m] of files)
    results.push({
      path,
      layerIndex: 2,
      result: await analyzeBuffer(npmPackageJson, path, JSON.stringify(m)),
    });
  const out = npmPackageJson.finalize(results);
  assert.deepEqual(summary(out.packages!), ['pkg:npm/%40app/util@0.1.0', 'pkg:npm/ms@2.1.3']);
  assert.equal(out.packages![0]!.locations[0]!.layerIndex, 2);
});

test('package-lock v3: packages, dev, aliases, workspaces, resolved dependsOn', () => {
  const ps = parsePackageLock(td('package-lock-v3.json'), 'package-lock.json');
  assert.deepEqual(summary(ps), [
    'pkg:npm/%40app/util@0.1.0',
    'pkg:npm/%40types/node@20.1.0 dev',
    'pkg:npm/debug@2.6.9',
    'pkg:npm/express@4.18.2',
    'pkg:npm/mocha@10.2.0 dev',
    'pkg:npm/ms@2.0.0',
    'pkg:npm/ms@2.1.3',
    'pkg:npm/real-name@1.0.0',
  ]);
  const express = ps.find((p) => p.name === 'express')!;
  // express → ms resolves to the hoisted 2.1.3; debug → ms to its nested 2.0.0
  assert.deepEqual(express.dependsOn, ['pkg:npm/debug@2.6.9', 'pkg:npm/ms@2.1.3']);
  assert.deepEqual(ps.find((p) => p.name === 'debug')!.dependsOn, ['pkg:npm/ms@2.0.0']);
  assert.deepEqual(ps.find((p) => p.name === '@app/util')!.dependsOn, ['pkg:npm/ms@2.1.3']);
});

test('package-lock v1: nested dependencies, dev, file: links skipped', () => {
  assert.deepEqual(summary(parsePackageLock(td('package-lock-v1.json'), 'p')), [
    'pkg:npm/debug@2.6.9',
    'pkg:npm/mocha@10.2.0 dev',
    'pkg:npm/ms@2.0.0',
    'pkg:npm/ms@2.1.3',
  ]);
});

test('yarn.lock classic and berry give the same packages and edges', () => {
  for (const f of ['yarn-classic.lock', 'yarn-berry.lock']) {
    const ps = parseYarnLock(td(f).toString(), f);
    assert.deepEqual(summary(ps), [
      'pkg:npm/%40babel/code-frame@7.12.13',
      'pkg:npm/%40babel/highlight@7.13.10',
      'pkg:npm/js-tokens@4.0.0',
    ]);
    assert.deepEqual(ps.find((p) => p.name === '@babel/highlight')!.dependsOn, ['pkg:npm/js-tokens@4.0.0']);
  }
});

test('pnpm-lock v5, v6, v9: dev by reachability where the lockfile has no flags', () => {
  const want = [
    'pkg:npm/debug@2.6.9',
    'pkg:npm/express@4.18.2',
    'pkg:npm/mocha@10.2.0 dev',
    'pkg:npm/ms@2.0.0',
    'pkg:npm/ms@2.1.3 dev',
  ];
  assert.deepEqual(summary(parsePnpmLock(td('pnpm-lock-v9.yaml').toString(), 'p')), want);
  assert.deepEqual(summary(parsePnpmLock(td('pnpm-lock-v6.yaml').toString(), 'p')), want);
  assert.deepEqual(summary(parsePnpmLock(td('pnpm-lock-v5.yaml').toString(), 'p')), [
    'pkg:npm/debug@2.6.9',
    'pkg:npm/express@4.18.2',
    'pkg:npm/ms@2.0.0',
  ]);
  const v9 = parsePnpmLock(td('pnpm-lock-v9.yaml').toString(), 'p');
  assert.deepEqual(v9.find((p) => p.name === 'express')!.dependsOn, ['pkg:npm/debug@2.6.9']);
});

test('bun.lock: JSONC, nested keys, dev by reachability', () => {
  const ps = parseBunLock(td('bun.lock').toString(), 'bun.lock');
  assert.deepEqual(summary(ps), [
    'pkg:npm/debug@2.6.9',
    'pkg:npm/express@4.18.2',
    'pkg:npm/mocha@10.2.0 dev',
    'pkg:npm/ms@2.0.0',
    'pkg:npm/ms@2.1.3 dev',
  ]);
  assert.deepEqual(ps.find((p) => p.name === 'debug')!.dependsOn, ['pkg:npm/ms@2.0.0']);
  assert.throws(() => parseBunLock('{', 'x/bun.lock'), /x\/bun.lock: invalid bun.lock/);
});
