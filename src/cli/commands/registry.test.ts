import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';

// Both failures must come before any registry is contacted: port 1 on loopback has no registry, so
// reaching the network would give a NETWORK error instead of these lines.
const tmp = mkdtempSync(join(tmpdir(), 'pal-cli-registry-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const env = { HOME: tmp, DOCKER_CONFIG: join(tmp, 'nocfg'), PATH: process.env.PATH };

test('registry scan: a report format it cannot write is a usage error, not a silent table', async () => {
  const io = captureIO(env);
  assert.equal(await main(['registry', 'scan', '127.0.0.1:1', '--format', 'sarif'], io), 2);
  assert.match(io.err(), /^palisade: --format sarif: registry scan writes table or json[^\n]*\n$/);
});

test('registry scan: the secret/malware flags are loaded (a missing rules file fails up front)', async () => {
  const io = captureIO(env);
  const missing = join(tmp, 'no-such-rules.yaml');
  assert.equal(
    await main(['registry', 'scan', '127.0.0.1:1', '--scanners', 'secret', '--secret-config', missing], io),
    2,
  );
  assert.match(io.err(), /no-such-rules\.yaml/);
  assert.doesNotMatch(io.err(), /127\.0\.0\.1:1/);
});
