import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from './main.js';
import { captureIO } from './capture-io.js';

test('version prints the package version and exits 0', async () => {
  const io = captureIO();
  assert.equal(await main(['version'], io), 0);
  assert.match(io.out(), /^palisade \d+\.\d+\.\d+\n$/);
});

test('unknown command is a usage error (exit 2)', async () => {
  const io = captureIO();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.match(io.err(), /unknown command/);
});
