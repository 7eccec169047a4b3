import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzers } from './registry.js';

test('registry: unique ids; lockfile analyzers run in fs mode only', () => {
  const ids = analyzers.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const a of analyzers) assert.ok(a.version >= 1, a.id);
  const fsOnly = analyzers.filter((a) => a.modes?.length === 1 && a.modes[0] === 'fs').map((a) => a.id);
  for (const id of [
    'npm-package-lock',
    'npm-yarn-lock',
    'python-poetry-lock',
    'go-mod',
    'java-pom-xml',
    'rust-cargo-lock',
  ])
    assert.ok(fsOnly.includes(id), id);
  for (const id of ['npm-package-json', 'python-metadata', 'go-binary', 'java-archive', 'rpm-sqlite'])
    assert.ok(!fsOnly.includes(id), id);
});
