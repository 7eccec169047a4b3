// `palisade image docker:NAME` against a real Docker engine (Debian's docker.io): the engine CI starts
// for the runtime tests when PALISADE_E2E_DOCKER_HOST is set, else one started here with a test config
// (own data-root, unix socket in a temp dir, "bridge": "none", "iptables": false).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, test } from 'node:test';
import type { Report } from '../../src/core/types.js';
import { captureIO } from '../../src/cli/capture-io.js';
import { main } from '../../src/cli/main.js';
import { scanImage } from '../../src/scan/image.js';
import { tempDir, which } from './registry/harness.js';
import { writeImages } from './registry/images.js';

const shared = process.env.PALISADE_E2E_DOCKER_HOST;
const skip =
  !shared && !(which('dockerd') && process.getuid?.() === 0)
    ? 'no Docker engine: set PALISADE_E2E_DOCKER_HOST or run as root with dockerd installed (.ci/setup.d/50-runtime.sh starts one)'
    : undefined;

const tmp = tempDir('pal-engine-e2e-');
let dockerHost = shared ?? '';
let dockerd: ChildProcess | undefined;

function api(method: string, path: string, body?: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath: dockerHost.slice('unix://'.length), path, method, headers: { Host: 'docker' } },
      resolve,
    );
    req.on('error', reject);
    if (body) createReadStream(body).pipe(req);
    else req.end();
  });
}

async function startEngine(): Promise<void> {
  const dir = join(tmp, 'engine');
  mkdirSync(join(dir, 'data'), { recursive: true });
  dockerHost = `unix://${dir}/docker.sock`;
  writeFileSync(
    join(dir, 'daemon.json'),
    JSON.stringify({
      bridge: 'none',
      iptables: false,
      ip6tables: false,
      'ip-masq': false,
      'ip-forward': false,
      'data-root': join(dir, 'data'),
      'exec-root': join(dir, 'exec'),
      pidfile: join(dir, 'docker.pid'),
      hosts: [dockerHost],
    }),
  );
  dockerd = spawn('dockerd', ['--config-file', join(dir, 'daemon.json')], { stdio: 'ignore' });
  for (let i = 0; i < 120; i++) {
    const ok = await api('GET', '/_ping').then(
      (r) => (r.resume(), r.statusCode === 200),
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dockerd did not start');
}

function essence(r: Report) {
  return {
    imageId: r.artifact.imageId,
    layers: r.artifact.layers.map((l) => l.diffId),
    os: r.artifact.os,
    packages: r.packages.map((p) => p.purl).sort(),
    findings: r.findings.map((f) => `${f.kind}:${f.id}:${f.locations?.[0]?.path ?? ''}`).sort(),
    warnings: r.warnings.map((w) => w.code).sort(),
  };
}

describe('Docker engine source', { skip }, () => {
  let archive: string;
  const tag = `palisade-e2e/app:${process.pid}`;
  before(async () => {
    if (!shared) await startEngine();
    const imgs = writeImages(tmp);
    archive = join(tmp, 'engine-app.tar');
    const { dockerArchive } = await import('../../src/testing/image-builder.js');
    writeFileSync(archive, dockerArchive(imgs.amd64, [tag]));
    const res = await api('POST', '/images/load?quiet=1', archive);
    res.resume();
    assert.equal(res.statusCode, 200);
  });
  after(async () => {
    if (dockerHost)
      await api('DELETE', `/images/${tag}?force=1`).then(
        (r) => r.resume(),
        () => {},
      );
    if (dockerd) {
      const exited = new Promise((r) => dockerd!.once('exit', r));
      dockerd.kill('SIGTERM');
      await exited;
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  const env = () => ({
    PATH: process.env.PATH,
    HOME: tmp,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: join(tmp, 'nocfg'),
  });

  test('docker:NAME gives the same results as scanning the docker save tarball', async () => {
    const saved = join(tmp, 'saved.tar');
    const res = await api('GET', `/images/${tag}/get`);
    await pipeline(res, createWriteStream(saved));
    const fromSave = await scanImage(saved, { noCache: true, scanners: ['secret'], env: env() });
    const fromEngine = await scanImage(`docker:${tag}`, { noCache: true, scanners: ['secret'], env: env() });
    assert.deepEqual(essence(fromEngine), essence(fromSave));
    assert.ok(fromEngine.packages.some((p) => p.name === 'libssl3'));
    assert.deepEqual(fromEngine.artifact.repoTags, [tag]);
  });

  test('a bare name is looked up in the engine first (--image-src docker,registry)', async () => {
    const io = captureIO(env());
    const code = await main(['image', tag, '--no-cache', '--scanners', 'none', '--format', 'json'], io);
    assert.equal(code, 0, io.err());
    assert.equal(JSON.parse(io.out()).artifact.name, tag);
  });

  test('an image the engine does not have: exit 2 with one line', async () => {
    const io = captureIO(env());
    assert.equal(await main(['image', 'docker:palisade-e2e/none:1', '--no-cache'], io), 2);
    assert.match(
      io.err(),
      /^palisade: docker:palisade-e2e\/none:1: no such image in the Docker engine at unix:\/\/[^\n]+\n$/,
    );
    const io2 = captureIO({ ...env(), DOCKER_HOST: `unix://${tmp}/nothing.sock` });
    assert.equal(await main(['image', 'docker:x', '--no-cache'], io2), 2);
    assert.match(
      io2.err(),
      /^palisade: docker:x: cannot reach the Docker engine at unix:\/\/[^\n]*nothing\.sock \(ENOENT\); is dockerd running, or set DOCKER_HOST\n$/,
    );
  });
});
