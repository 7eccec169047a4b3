import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { dockerCredentials, eraseCredentials, resolveCredentials, storeCredentials } from './credentials.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-creds-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function cfgDir(name: string, cfg: unknown): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'config.json'), JSON.stringify(cfg));
  return d;
}

/** a docker-credential helper that keeps its store in a JSON file, speaking the get/store/erase protocol */
function fakeHelper(): { bin: string; store: string } {
  const bin = join(tmp, 'bin');
  const store = join(tmp, 'helper-store.json');
  mkdirSync(bin, { recursive: true });
  writeFileSync(store, '{}');
  const script = `#!/usr/bin/env node
const fs = require('fs');
const input = fs.readFileSync(0, 'utf8').trim();
const db = JSON.parse(fs.readFileSync(${JSON.stringify(store)}, 'utf8'));
const action = process.argv[2];
if (action === 'store') { const c = JSON.parse(input); db[c.ServerURL] = c; }
else if (action === 'erase') delete db[input];
else if (action === 'get') {
  if (!db[input]) { console.log('credentials not found in native keychain'); process.exit(1); }
  process.stdout.write(JSON.stringify(db[input]));
}
fs.writeFileSync(${JSON.stringify(store)}, JSON.stringify(db));
`;
  writeFileSync(join(bin, 'docker-credential-paltest'), script);
  chmodSync(join(bin, 'docker-credential-paltest'), 0o755);
  return { bin, store };
}

test('auths: base64 user:password under any spelling of the host; Docker Hub under its v1 URL; identity tokens', async () => {
  const dir = cfgDir('auths', {
    auths: {
      'https://registry.example:5000/v2/': { auth: Buffer.from('u:p:with:colons').toString('base64') },
      'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') },
      'ghcr.io': { identitytoken: 'refresh-me' },
    },
  });
  const env = { DOCKER_CONFIG: dir };
  assert.deepEqual(await dockerCredentials('registry.example:5000', env), {
    username: 'u',
    password: 'p:with:colons',
    source: join(dir, 'config.json'),
  });
  assert.equal((await dockerCredentials('docker.io', env))?.username, 'hub');
  assert.equal((await dockerCredentials('ghcr.io', env))?.identityToken, 'refresh-me');
  assert.equal(await dockerCredentials('other.example', env), undefined);
});

test('explicit and environment credentials go to the named registry only, before the docker config', async () => {
  const dir = cfgDir('prec', { auths: { 'r.example': { auth: Buffer.from('cfg:pw').toString('base64') } } });
  const env = { DOCKER_CONFIG: dir, PALISADE_USERNAME: 'envu', PALISADE_PASSWORD: 'envp' };
  assert.equal((await resolveCredentials('r.example', { env, explicitFor: 'r.example' }))?.username, 'envu');
  assert.equal(
    (await resolveCredentials('r.example', { env, explicitFor: 'mirror.example' }))?.username,
    'cfg',
  );
  const explicit = { username: 'flag', password: 'x', source: '--username/--password-stdin' };
  assert.equal(
    (await resolveCredentials('r.example', { env, explicit, explicitFor: 'r.example' }))?.username,
    'flag',
  );
});

test('malformed config.json is a one-line input error naming the file', async () => {
  const d = join(tmp, 'bad');
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'config.json'), '{oops');
  await assert.rejects(
    dockerCredentials('x.example', { DOCKER_CONFIG: d }),
    /bad\/config\.json: not valid JSON/,
  );
});

test('login stores base64 in auths (0600) without a helper, through credsStore with one; logout erases', async () => {
  const plain = join(tmp, 'plain');
  await storeCredentials('r.example', { username: 'a', password: 'b' }, { DOCKER_CONFIG: plain });
  const cfg = JSON.parse(readFileSync(join(plain, 'config.json'), 'utf8'));
  assert.equal(cfg.auths['r.example'].auth, Buffer.from('a:b').toString('base64'));
  assert.equal(statSync(join(plain, 'config.json')).mode & 0o777, 0o600);
  assert.equal(await eraseCredentials('r.example', { DOCKER_CONFIG: plain }), true);

  const { bin, store } = fakeHelper();
  const dir = cfgDir('store', { credsStore: 'paltest', auths: {} });
  const env = { DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH}` };
  await storeCredentials('docker.io', { username: 'hub', password: 'secret' }, env);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).auths, {
    'https://index.docker.io/v1/': {},
  });
  assert.equal(JSON.parse(readFileSync(store, 'utf8'))['https://index.docker.io/v1/'].Secret, 'secret');
  const got = await dockerCredentials('docker.io', env);
  assert.equal(got?.password, 'secret');
  assert.match(got!.source, /docker-credential-paltest \(credsStore/);
  await eraseCredentials('docker.io', env);
  assert.equal(await dockerCredentials('docker.io', env), undefined);
});

test('a helper that is not installed is a clear AUTH error', async () => {
  const dir = cfgDir('nohelper', { credHelpers: { 'r.example': 'does-not-exist' } });
  await assert.rejects(
    dockerCredentials('r.example', { DOCKER_CONFIG: dir, PATH: '/nonexistent' }),
    /docker-credential-does-not-exist could not run \(ENOENT\)/,
  );
});
