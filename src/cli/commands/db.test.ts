import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';
import { DB_SCHEMA_VERSION } from '../../vulndb/store.js';

const feeds = fileURLToPath(new URL('../../match/testdata/feeds', import.meta.url));

test('db build, status, publish to a directory, import, and a tampered bundle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-db-'));
  const env = { PALISADE_CACHE_DIR: join(dir, 'cache') };
  const built = join(dir, 'built.db');
  let io = captureIO(env);
  const code = await main(
    [
      'db',
      'build',
      '-s',
      join(feeds, 'osv'),
      '-s',
      join(feeds, 'debian.json'),
      '-s',
      join(feeds, 'secdb'),
      '-o',
      built,
    ],
    io,
  );
  assert.equal(code, 0, io.err());
  assert.match(io.out(), /osv: 3 records from 3 files \(osv\)/);

  io = captureIO(env);
  assert.equal(await main(['db', 'status', '--db', built, '--json'], io), 0, io.err());
  const st = JSON.parse(io.out());
  assert.equal(st.schemaVersion, DB_SCHEMA_VERSION);
  assert.deepEqual(
    st.sources.map((s: { name: string }) => s.name),
    ['debian', 'osv', 'secdb'],
  );
  assert.equal(st.sources[1].snapshotDate, '2024-01-03');

  const bundle = join(dir, 'bundle');
  io = captureIO(env);
  assert.equal(await main(['db', 'publish', bundle, '--db', built], io), 0, io.err());
  // import into the default location, then status without --db finds it
  io = captureIO(env);
  assert.equal(await main(['db', 'import', bundle], io), 0, io.err());
  io = captureIO(env);
  assert.equal(await main(['db', 'status'], io), 0, io.err());
  assert.match(io.out(), /\(local\)/);
  assert.match(io.out(), /secdb\s+4 records/);

  const meta = JSON.parse(readFileSync(join(bundle, 'metadata.json'), 'utf8'));
  meta.sha256 = '0'.repeat(64);
  writeFileSync(join(bundle, 'metadata.json'), JSON.stringify(meta));
  io = captureIO(env);
  assert.equal(await main(['db', 'import', bundle], io), 2);
  assert.match(io.err(), /does not match its sha256/);
});

test('db status falls back to the embedded snapshot and warns when it is older than --db-max-age', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-db-'));
  const io = captureIO({ PALISADE_CACHE_DIR: dir });
  assert.equal(await main(['db', 'status', '--db-max-age', '1d'], io), 0, io.err());
  assert.match(io.out(), /\(embedded, facts only\)/);
  assert.match(io.out(), /go-vulndb\s+4291 records\s+snapshot 2026-08-21/);
  assert.match(io.err(), /older than --db-max-age/);
});

test('db update refuses --offline; bad inputs are one-line usage errors', async () => {
  let io = captureIO({});
  assert.equal(await main(['db', 'update', '--offline', '--from', 'https://127.0.0.1:1/x'], io), 2);
  assert.match(io.err(), /needs the network/);
  io = captureIO({});
  assert.equal(await main(['db', 'update', '--from', 'ftp://x/y'], io), 2);
  assert.match(io.err(), /expected an https:\/\/ URL or an oci:\/\/ reference/);
  io = captureIO({});
  assert.equal(await main(['db', 'import', '/nonexistent/bundle'], io), 2);
  assert.match(io.err(), /no such file/);
  io = captureIO({});
  assert.equal(await main(['db', 'status', '--db', '/nonexistent.db'], io), 2);
});
