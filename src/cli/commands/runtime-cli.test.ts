import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';

const td = (f: string) => fileURLToPath(new URL(`../../runtime/rules/testdata/${f}`, import.meta.url));

test('rules check: counts, disabled rules with reasons, exit 0 when the files load', async () => {
  const io = captureIO();
  assert.equal(await main(['rules', 'check', td('tuning.yaml')], io), 0, io.err());
  assert.match(io.out(), /6 rules, 2 macros, 2 lists/);
  assert.match(io.out(), /4 rules active, 2 disabled/);
  assert.match(io.out(), /disabled: Uses unknown field \(.*tuning\.yaml\): unknown field proc\.vpgid\.name/);
});

test('rules check: a missing file is a one-line input error (exit 2)', async () => {
  const io = captureIO();
  assert.equal(await main(['rules', 'check', '/nonexistent/rules.yaml'], io), 2);
  assert.match(io.err(), /^palisade: \/nonexistent\/rules\.yaml: cannot read rule file \(ENOENT\)\n$/);
});

test('rules replay prints the alerts of a recorded stream', async () => {
  const io = captureIO();
  assert.equal(
    await main(['rules', 'replay', td('events.jsonl'), '--no-builtin-rules', '-r', td('tuning.yaml')], io),
    0,
    io.err(),
  );
  const rules = io
    .out()
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { rule: string }).rule);
  assert.equal(rules.length, 7);
});

test('events: a missing database is a clear error', async () => {
  const io = captureIO();
  assert.equal(await main(['events', '--db', '/nonexistent/rt.db'], io), 2);
  assert.match(io.err(), /no evidence database/);
});
