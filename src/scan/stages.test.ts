import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stages } from './stages.js';

test('stage ids are unique', () => {
  const ids = stages.map((s) => s.id);
  assert.deepEqual(new Set(ids).size, ids.length);
});

test('a lazily listed stage loads the stage it names, with the same scanner and modes', async () => {
  const lazy = stages.filter((s) => 'load' in s);
  assert.ok(lazy.length >= 3);
  for (const entry of lazy) {
    if (!('load' in entry)) continue;
    const s = await entry.load();
    assert.equal(s.id, entry.id);
    assert.equal(s.scanner, entry.scanner, `${entry.id}: scanner`);
    assert.deepEqual(s.modes, entry.modes, `${entry.id}: modes`);
  }
});
