// `db update` against real servers on loopback: an HTTPS server with a CA generated here (openssl), and
// a real registry (Debian's docker-registry, i.e. CNCF distribution) for the OCI-artifact path, pushed
// with `db publish oci://…`. Each part skips with a message when its tool is absent.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { captureIO } from '../../src/cli/capture-io.js';
import { main } from '../../src/cli/main.js';
import { VulnStore } from '../../src/vulndb/store.js';
import { freePort, makePki, which, type Pki } from './registry/harness.js';

const feeds = fileURLToPath(new URL('../../src/match/testdata/feeds', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'palisade-update-'));
const source = join(work, 'source.db');
const bundle = join(work, 'bundle');

const REGISTRY_BIN = process.env.PALISADE_DOCKER_REGISTRY_BIN ?? '/usr/bin/docker-registry';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO({ PALISADE_CACHE_DIR: join(work, 'cache') });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function sourceCount(db: string): number {
  const s = VulnStore.open(db);
  const n = s.status().counts.advisories;
  s.close();
  return n;
}

before(async () => {
  const r = await run([
    'db',
    'build',
    '-s',
    join(feeds, 'osv'),
    '-s',
    join(feeds, 'debian.json'),
    '-o',
    source,
    '--bundle',
    bundle,
  ]);
  assert.equal(r.code, 0, r.err);
});

describe('db update over HTTPS', { skip: which('openssl') ? false : 'openssl not installed' }, () => {
  let server: ReturnType<typeof createHttpsServer>;
  let base = '';
  let pki: Pki;
  before(async () => {
    pki = makePki(join(work, 'pki'));
    server = createHttpsServer(
      { key: readFileSync(pki.serverKey), cert: readFileSync(pki.serverCert) },
      (req, res) => {
        const name = (req.url ?? '/').split('/').pop()!;
        const file = join(req.url?.startsWith('/tampered/') ? join(work, 'tampered') : bundle, name);
        if (!/^[\w.]+$/.test(name) || !existsSync(file)) return void res.writeHead(404).end();
        res.writeHead(200).end(readFileSync(file));
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => server?.close());

  test('downloads, verifies and installs the bundle', async () => {
    const target = join(work, 'https.db');
    const r = await run([
      'db',
      'update',
      '--from',
      `${base}/db/metadata.json`,
      '--ca-file',
      pki.caCert,
      '--db',
      target,
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /updated .*https\.db/);
    assert.equal(sourceCount(target), sourceCount(source));
  });

  test('refuses a server it cannot verify', async () => {
    const r = await run([
      'db',
      'update',
      '--from',
      `${base}/db/metadata.json`,
      '--db',
      join(work, 'nope.db'),
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /certificate/);
    assert.ok(!existsSync(join(work, 'nope.db')));
  });

  test('rejects a bundle whose database does not match its digest, keeping the old database', async () => {
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(join(work, 'tampered'), { recursive: true });
    copyFileSync(join(bundle, 'metadata.json'), join(work, 'tampered', 'metadata.json'));
    const gz = readFileSync(join(bundle, 'palisade.db.gz'));
    gz[gz.length - 10] ^= 0xff;
    writeFileSync(join(work, 'tampered', 'palisade.db.gz'), gz);
    const target = join(work, 'https.db');
    const before = readFileSync(target);
    const r = await run([
      'db',
      'update',
      '--from',
      `${base}/tampered/metadata.json`,
      '--ca-file',
      pki.caCert,
      '--db',
      target,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /does not match its sha256/);
    assert.deepEqual(readFileSync(target), before);
  });
});

describe(
  'db update from an OCI artifact in a registry',
  {
    skip: existsSync(REGISTRY_BIN) ? false : `${REGISTRY_BIN} not installed (Debian package docker-registry)`,
  },
  () => {
    let reg: ChildProcess;
    let addr = '';
    before(async () => {
      const port = await freePort();
      addr = `127.0.0.1:${port}`;
      const cfg = join(work, 'registry.yml');
      writeFileSync(
        cfg,
        `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(work, 'registry')}\nhttp:\n  addr: ${addr}\n`,
      );
      reg = spawn(REGISTRY_BIN, ['serve', cfg], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        const ok = await fetch(`http://${addr}/v2/`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`registry did not start on ${addr}`);
    });
    after(() => reg?.kill());

    test('publish pushes the artifact; update pulls, verifies and installs it', async () => {
      const ref = `oci://${addr}/palisade/db:1`;
      const p = await run(['db', 'publish', ref, '--db', source]);
      assert.equal(p.code, 0, p.err);
      const digest = /@(sha256:[0-9a-f]{64})/.exec(p.out)?.[1];
      assert.ok(digest, p.out);
      const manifest = await (
        await fetch(`http://${addr}/v2/palisade/db/manifests/1`, {
          headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
        })
      ).json();
      assert.equal(manifest.artifactType, 'application/vnd.palisade.db.v1');
      const target = join(work, 'oci.db');
      const u = await run(['db', 'update', '--from', ref, '--db', target]);
      assert.equal(u.code, 0, u.err);
      assert.equal(sourceCount(target), sourceCount(source));
      const byDigest = await run([
        'db',
        'update',
        '--from',
        `oci://${addr}/palisade/db@${digest}`,
        '--db',
        target,
      ]);
      assert.equal(byDigest.code, 0, byDigest.err);
      const missing = await run(['db', 'update', '--from', `oci://${addr}/palisade/db:nope`, '--db', target]);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /no such artifact/);
    });
  },
);
