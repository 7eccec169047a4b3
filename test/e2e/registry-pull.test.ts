// Pull+scan from a real docker-registry (distribution 2.8) on 127.0.0.1: OCI and Docker v2s2
// manifests, a multi-platform index, digests, the layer cache, Basic and Bearer auth, TLS with a test
// CA, mirrors, and a fault proxy (429 + Retry-After, 500s, a dropped connection, a corrupt blob).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { captureIO } from '../../src/cli/capture-io.js';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/core/types.js';
import { scanImage } from '../../src/scan/image.js';
import type { ScanOptions } from '../../src/scan/options.js';
import { Transport } from '../../src/sources/registry/transport.js';
import { fixtures, fixturesSkip } from './fixtures.js';
import {
  blobGets,
  makePki,
  missingRegistryTools,
  push,
  startFaultProxy,
  startRegistry,
  startTokenServer,
  tempDir,
  type FaultProxy,
  type RunningRegistry,
  type TokenServer,
} from './registry/harness.js';
import { writeImages, type WrittenImages } from './registry/images.js';

const skip = missingRegistryTools();
const tmp = tempDir('pal-reg-e2e-');
let imgs: WrittenImages;
let anon: RunningRegistry;
const started: { stop?: () => Promise<void>; close?: () => Promise<void> }[] = [];

/** env for CLI runs: no real docker config, no real engine */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmp,
    DOCKER_CONFIG: join(tmp, 'no-docker-config'),
    DOCKER_HOST: `unix://${join(tmp, 'no-engine.sock')}`,
    ...extra,
  };
}

function opts(extra: Partial<ScanOptions> = {}): ScanOptions {
  return { scanners: ['secret'], noCache: true, env: env(), imageSrc: ['registry'], ...extra };
}

/** what must not depend on where an image came from */
function essence(r: Report) {
  return {
    imageId: r.artifact.imageId,
    layers: r.artifact.layers.map((l) => ({ diffId: l.diffId, createdBy: l.createdBy })),
    os: r.artifact.os,
    packages: r.packages.map((p) => `${p.purl}`).sort(),
    findings: r.findings.map((f) => `${f.kind}:${f.id}`).sort(),
    warnings: r.warnings.map((w) => w.code).sort(),
  };
}

async function cli(args: string[], e: NodeJS.ProcessEnv = env(), stdin?: string) {
  const io = captureIO(e);
  if (stdin !== undefined) (io.stdin as PassThrough).end(stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

after(async () => {
  for (const s of started.reverse()) await (s.stop ?? s.close)!.call(s);
  rmSync(tmp, { recursive: true, force: true });
});

describe('registry pulls', { skip }, () => {
  before(async () => {
    imgs = writeImages(tmp);
    anon = await startRegistry();
    started.push(anon);
    await push(`oci:${imgs.layout}:amd64`, `${anon.host}/oci/app:1`, { format: 'oci' });
    await push(`oci:${imgs.layout}:amd64`, `${anon.host}/v2/app:1`, { format: 'v2s2' });
    await push(`oci:${imgs.multiLayout}:multi`, `${anon.host}/multi/app:1`, { all: true });
  });

  test('OCI and Docker v2s2 manifests scan like the docker-archive of the same image', async () => {
    const ref = await scanImage(imgs.archive, opts());
    const oci = await scanImage(`${anon.host}/oci/app:1`, opts());
    const v2 = await scanImage(`${anon.host}/v2/app:1`, opts());
    assert.deepEqual(essence(oci), essence(ref));
    assert.deepEqual(essence(v2), essence(ref));
    assert.ok(ref.packages.some((p) => p.name === 'libssl3'));
    assert.ok(ref.findings.some((f) => f.kind === 'secret'));
    assert.equal(oci.artifact.digest, imgs.amd64.manifestDigest);
    assert.deepEqual(oci.artifact.repoTags, [`${anon.host}/oci/app:1`]);
    assert.deepEqual(oci.artifact.repoDigests, [`${anon.host}/oci/app@${imgs.amd64.manifestDigest}`]);
    // skopeo converted the manifest to Docker v2s2: another manifest digest, same image id
    assert.notEqual(v2.artifact.digest, imgs.amd64.manifestDigest);
    assert.equal(v2.artifact.imageId, imgs.amd64.configDigest);
  });

  test(
    'the fixtures app image (real Debian layers) pulled from the registry scans like its docker save archive',
    { skip: fixturesSkip() },
    async () => {
      const app = fixtures().images.app;
      await push(`oci:${app.ociLayout}:${app.tag}`, `${anon.host}/fixtures/app:1`);
      const fromArchive = await scanImage(app.dockerArchive, opts());
      const fromRegistry = await scanImage(`${anon.host}/fixtures/app:1`, opts());
      assert.deepEqual(essence(fromRegistry), essence(fromArchive));
      assert.equal(fromRegistry.artifact.digest, app.manifestDigest);
      assert.ok(fromRegistry.packages.length > 50);
    },
  );

  test('the registry answers 404 to an OCI manifest asked for with only the Docker type; we send both', async () => {
    const res = await fetch(`http://${anon.host}/v2/oci/app/manifests/1`, {
      headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    assert.equal(res.status, 404);
    const r = await scanImage(`${anon.host}/oci/app@${imgs.amd64.manifestDigest}`, opts());
    assert.equal(r.artifact.digest, imgs.amd64.manifestDigest);
  });

  test('multi-platform index: --platform picks the manifest; a missing platform names what exists', async () => {
    const arm = await scanImage(`${anon.host}/multi/app:1`, opts({ platform: 'linux/arm64' }));
    assert.equal(arm.artifact.platform, 'linux/arm64');
    assert.equal(arm.artifact.imageId, imgs.arm64.configDigest);
    assert.ok(arm.packages.every((p) => !p.purl.includes('arch=amd64')));
    const amd = await scanImage(`${anon.host}/multi/app:1`, opts());
    assert.equal(amd.artifact.imageId, imgs.amd64.configDigest);
    const r = await cli([
      'image',
      `${anon.host}/multi/app:1`,
      '--platform',
      'linux/s390x',
      '--image-src',
      'registry',
      '--no-cache',
    ]);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^palisade: .*no image for platform linux\/s390x; available: linux\/amd64, linux\/arm64/,
    );
  });

  test('a second scan with the layer cache downloads no layer blobs', async () => {
    const cacheDir = join(tmp, 'cache-second');
    const layerDigests = imgs.amd64.layers.map((l) => l.digest);
    const before0 = blobGets(anon.log(), layerDigests);
    const first = await scanImage(`${anon.host}/oci/app:1`, opts({ noCache: false, cacheDir }));
    await anon.settle();
    const afterFirst = blobGets(anon.log(), layerDigests);
    assert.equal(afterFirst - before0, layerDigests.length);
    const second = await scanImage(`${anon.host}/oci/app:1`, opts({ noCache: false, cacheDir }));
    await anon.settle();
    assert.equal(blobGets(anon.log(), layerDigests), afterFirst, 'no layer blob fetched on the second scan');
    assert.ok(second.artifact.layers.every((l) => l.cached));
    assert.deepEqual(essence(second), essence(first));
  });

  test('unknown repository or tag: exit 2 with one line naming the reference', async () => {
    const r = await cli(['image', `${anon.host}/oci/app:nope`, '--image-src', 'registry', '--no-cache']);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      new RegExp(`^palisade: ${anon.host.replace(/\./g, '\\.')}/oci/app:nope: manifest not found[^\\n]*\\n$`),
    );
  });

  test('mirrors are tried in order: a dead mirror falls back to a live one, then to the registry', async () => {
    const dead = '127.0.0.1:9'; // discard port: nothing listens
    const mirror = await startRegistry();
    started.push(mirror);
    await push(`oci:${imgs.layout}:amd64`, `${mirror.host}/only/app:1`, { format: 'oci' });
    // the named registry does not hold only/app; the mirror does
    const r = await scanImage(
      `${anon.host}/only/app:1`,
      opts({ registry: { mirrors: [`${anon.host}=http://${dead}`, `${anon.host}=http://${mirror.host}`] } }),
    );
    assert.equal(r.artifact.imageId, imgs.amd64.configDigest);
    // a mirror that lacks the image: the registry itself answers
    const r2 = await scanImage(
      `${anon.host}/oci/app:1`,
      opts({ registry: { mirrors: [`${anon.host}=http://${mirror.host}`] } }),
    );
    assert.equal(r2.artifact.imageId, imgs.amd64.configDigest);
  });
});

describe('registry auth', { skip }, () => {
  let basic: RunningRegistry;
  let tokenReg: RunningRegistry;
  let tokens: TokenServer;
  before(async () => {
    imgs ??= writeImages(tmp);
    basic = await startRegistry({ auth: { htpasswd: { alice: 's3cret-pw' } } });
    started.push(basic);
    await push(`oci:${imgs.layout}:amd64`, `${basic.host}/private/app:1`, { creds: 'alice:s3cret-pw' });
    const pki = makePki(join(tmp, 'pki-token'));
    tokens = await startTokenServer(pki, { bob: 'tok-pw' });
    started.push(tokens);
    tokenReg = await startRegistry({ auth: { token: tokens, pki } });
    started.push(tokenReg);
    await push(`oci:${imgs.layout}:amd64`, `${tokenReg.host}/team/app:1`, { creds: 'bob:tok-pw' });
  });

  test('Basic: no credentials → exit 2, one line naming the registry and how to log in', async () => {
    const r = await cli(['image', `${basic.host}/private/app:1`, '--image-src', 'registry', '--no-cache']);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^palisade: 127\.0\.0\.1:\d+: authentication required \(HTTP 401\); log in with 'palisade registry login 127\.0\.0\.1:\d+'.*--password-stdin.*\n$/,
    );
  });

  test('Basic: --username/--password-stdin, env vars, and docker config auths all work; wrong password is refused without echoing it', async () => {
    const ok = await cli(
      [
        'image',
        `${basic.host}/private/app:1`,
        '--image-src',
        'registry',
        '--no-cache',
        '--scanners',
        'none',
        '--format',
        'json',
        '--username',
        'alice',
        '--password-stdin',
      ],
      env(),
      's3cret-pw\n',
    );
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(ok.out).artifact.imageId, imgs.amd64.configDigest);
    assert.ok(!ok.out.includes('s3cret-pw'));

    const viaEnv = await scanImage(
      `${basic.host}/private/app:1`,
      opts({ env: env({ PALISADE_USERNAME: 'alice', PALISADE_PASSWORD: 's3cret-pw' }) }),
    );
    assert.equal(viaEnv.artifact.imageId, imgs.amd64.configDigest);

    const cfgDir = join(tmp, 'docker-cfg-basic');
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(
      join(cfgDir, 'config.json'),
      JSON.stringify({
        auths: { [`http://${basic.host}/v2/`]: { auth: Buffer.from('alice:s3cret-pw').toString('base64') } },
      }),
    );
    const viaCfg = await scanImage(
      `${basic.host}/private/app:1`,
      opts({ env: env({ DOCKER_CONFIG: cfgDir }) }),
    );
    assert.equal(viaCfg.artifact.imageId, imgs.amd64.configDigest);

    const bad = await cli(
      [
        'image',
        `${basic.host}/private/app:1`,
        '--image-src',
        'registry',
        '--no-cache',
        '--username',
        'alice',
        '--password-stdin',
      ],
      env(),
      'wrong-pw-XYZ\n',
    );
    assert.equal(bad.code, 2);
    assert.match(
      bad.err,
      /^palisade: 127\.0\.0\.1:\d+: the registry refused the credentials from --username\/--password-stdin \(HTTP 401\); [^\n]*\n$/,
    );
    assert.ok(!bad.err.includes('wrong-pw-XYZ'));
  });

  test('credHelpers and credsStore call docker-credential-* helpers as docker does', async () => {
    const bin = join(tmp, 'bin');
    mkdirSync(bin, { recursive: true });
    const calls = join(tmp, 'helper-calls');
    // a helper speaking the docker-credential protocol: get reads the server URL on stdin
    writeFileSync(
      join(bin, 'docker-credential-palitest'),
      `#!/bin/sh\nread -r server\necho "$1 $server" >> '${calls}'\nif [ "$1" = get ] && [ "$server" = '${basic.host}' ]; then\n  printf '{"ServerURL":"%s","Username":"alice","Secret":"s3cret-pw"}' "$server"\n  exit 0\nfi\necho "credentials not found in native keychain"\nexit 1\n`,
    );
    chmodSync(join(bin, 'docker-credential-palitest'), 0o755);
    for (const [name, cfg] of [
      ['helpers', { credHelpers: { [basic.host]: 'palitest' } }],
      ['store', { credsStore: 'palitest' }],
    ] as const) {
      const cfgDir = join(tmp, `docker-cfg-${name}`);
      mkdirSync(cfgDir, { recursive: true });
      writeFileSync(join(cfgDir, 'config.json'), JSON.stringify(cfg));
      const r = await scanImage(
        `${basic.host}/private/app:1`,
        opts({ env: env({ DOCKER_CONFIG: cfgDir, PATH: `${bin}:${process.env.PATH}` }) }),
      );
      assert.equal(r.artifact.imageId, imgs.amd64.configDigest);
    }
    assert.match(readFileSync(calls, 'utf8'), new RegExp(`^get ${basic.host}$`, 'm'));
  });

  test('Bearer: token flow with credentials, one token request per scope, anonymous refused', async () => {
    tokens.requests.length = 0;
    const transport = new Transport({ env: env() });
    try {
      const r = await scanImage(
        `${tokenReg.host}/team/app:1`,
        opts({
          env: env({ PALISADE_USERNAME: 'bob', PALISADE_PASSWORD: 'tok-pw' }),
          registry: { transport },
        }),
      );
      assert.equal(r.artifact.imageId, imgs.amd64.configDigest);
    } finally {
      transport.close();
    }
    // manifest, config and both layers share the scope: the token was fetched once and reused
    assert.deepEqual(tokens.requests, ['repository:team/app:pull']);
    const anonRun = await cli([
      'image',
      `${tokenReg.host}/team/app:1`,
      '--image-src',
      'registry',
      '--no-cache',
    ]);
    assert.equal(anonRun.code, 2);
    assert.match(
      anonRun.err,
      /^palisade: 127\.0\.0\.1:\d+: authentication required \(HTTP 401\); log in with[^\n]*\n$/,
    );
    const wrong = await cli(
      [
        'image',
        `${tokenReg.host}/team/app:1`,
        '--image-src',
        'registry',
        '--no-cache',
        '-u',
        'bob',
        '--password-stdin',
      ],
      env(),
      'nope-pw\n',
    );
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /refused the credentials from --username\/--password-stdin/);
    assert.ok(!wrong.err.includes('nope-pw'));
  });

  test('registry login stores credentials like docker login; a refused login exits 2 with one line', async () => {
    const cfgDir = join(tmp, 'docker-cfg-login');
    const ok = await cli(
      ['registry', 'login', tokenReg.host, '-u', 'bob', '--password-stdin'],
      env({ DOCKER_CONFIG: cfgDir }),
      'tok-pw\n',
    );
    assert.equal(ok.code, 0, ok.err);
    const cfg = JSON.parse(readFileSync(join(cfgDir, 'config.json'), 'utf8'));
    assert.equal(cfg.auths[tokenReg.host].auth, Buffer.from('bob:tok-pw').toString('base64'));
    assert.ok(!ok.out.includes('tok-pw') && !ok.err.includes('tok-pw'));
    // the stored credentials are used by the next scan
    const r = await scanImage(`${tokenReg.host}/team/app:1`, opts({ env: env({ DOCKER_CONFIG: cfgDir }) }));
    assert.equal(r.artifact.imageId, imgs.amd64.configDigest);
    const refused = await cli(
      ['registry', 'login', basic.host, '-u', 'alice', '--password-stdin'],
      env({ DOCKER_CONFIG: cfgDir }),
      'bad\n',
    );
    assert.equal(refused.code, 2);
    assert.match(refused.err, /^palisade: 127\.0\.0\.1:\d+: the registry refused the credentials[^\n]*\n$/);
    const out = await cli(['registry', 'logout', tokenReg.host], env({ DOCKER_CONFIG: cfgDir }));
    assert.equal(out.code, 0, out.err);
    assert.equal(
      JSON.parse(readFileSync(join(cfgDir, 'config.json'), 'utf8')).auths[tokenReg.host],
      undefined,
    );
  });
});

describe('registry TLS', { skip }, () => {
  let tls: RunningRegistry;
  let pki: ReturnType<typeof makePki>;
  before(async () => {
    imgs ??= writeImages(tmp);
    pki = makePki(join(tmp, 'pki-tls'));
    tls = await startRegistry({ tls: pki });
    started.push(tls);
    const certDir = join(tmp, 'skopeo-certs');
    mkdirSync(certDir, { recursive: true });
    execFileSync('cp', [pki.caCert, join(certDir, 'ca.crt')]);
    await push(`oci:${imgs.layout}:amd64`, `${tls.host}/secure/app:1`, { certDir });
  });

  test('HTTPS with an unknown CA fails clearly; --ca-cert makes it trusted', async () => {
    const bad = await cli(['image', `${tls.host}/secure/app:1`, '--image-src', 'registry', '--no-cache']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^palisade: [^\n]*(certificate|self.signed|issuer)[^\n]*\n$/i);
    const ok = await cli([
      'image',
      `${tls.host}/secure/app:1`,
      '--image-src',
      'registry',
      '--no-cache',
      '--scanners',
      'none',
      '--ca-cert',
      pki.caCert,
      '--format',
      'json',
    ]);
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(ok.out).artifact.imageId, imgs.amd64.configDigest);
  });
});

describe('registry faults', { skip }, () => {
  let proxy: FaultProxy;
  let up: RunningRegistry;
  before(async () => {
    imgs ??= writeImages(tmp);
    up = await startRegistry();
    started.push(up);
    await push(`oci:${imgs.layout}:amd64`, `${up.host}/f/app:1`, { format: 'oci' });
    proxy = await startFaultProxy(up.host);
    started.push(proxy);
  });

  const fast = () => new Transport({ env: env(), backoffMs: 20 });

  test('429 with Retry-After and 500s are retried; the scan completes', async () => {
    proxy.faults.clear();
    proxy.faults.set('/manifests/1', { kind: 'status', status: 429, retryAfter: '1', times: 1 });
    proxy.faults.set(`/blobs/${imgs.amd64.layers[0]!.digest}`, { kind: 'status', status: 500, times: 2 });
    const t = fast();
    const t0 = Date.now();
    try {
      const r = await scanImage(`${proxy.host}/f/app:1`, opts({ registry: { transport: t } }));
      assert.equal(r.artifact.imageId, imgs.amd64.configDigest);
      assert.ok(!r.artifact.layers.some((l) => l.incomplete));
    } finally {
      t.close();
    }
    assert.ok(Date.now() - t0 >= 1000, 'Retry-After: 1 was honoured');
    assert.equal(t.counters.retries, 3);
  });

  test('a connection dropped mid-blob is resumed with a Range request', async () => {
    proxy.faults.clear();
    proxy.seen.length = 0;
    const layer = imgs.amd64.layers[1]!;
    proxy.faults.set(`/blobs/${layer.digest}`, {
      kind: 'drop',
      afterBytes: Math.floor(layer.size / 2),
      times: 1,
    });
    const t = fast();
    try {
      const r = await scanImage(`${proxy.host}/f/app:1`, opts({ registry: { transport: t } }));
      assert.equal(r.artifact.imageId, imgs.amd64.configDigest);
      assert.ok(!r.artifact.layers.some((l) => l.incomplete));
      assert.equal(t.counters.resumes, 1, proxy.seen.join('\n'));
    } finally {
      t.close();
    }
    assert.ok(
      proxy.seen.some((s) => s.includes(layer.digest) && s.endsWith(`bytes=${Math.floor(layer.size / 2)}-`)),
      proxy.seen.join('\n'),
    );
  });

  test('a blob whose digest does not match fails the scan naming the blob; no report is written', async () => {
    proxy.faults.clear();
    const layer = imgs.amd64.layers[1]!;
    proxy.faults.set(`/blobs/${layer.digest}`, { kind: 'corrupt' });
    const out = join(tmp, 'corrupt-report.json');
    const r = await cli([
      'image',
      `${proxy.host}/f/app:1`,
      '--image-src',
      'registry',
      '--no-cache',
      '--format',
      'json',
      '-o',
      out,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`^palisade: [^\\n]*${layer.digest}[^\\n]*(digest|diffID)[^\\n]*\\n$`));
    assert.throws(() => readFileSync(out));
  });

  test('a registry that keeps failing gives up with a clear error, not a partial clean report', async () => {
    proxy.faults.clear();
    const layer = imgs.amd64.layers[0]!;
    proxy.faults.set(`/blobs/${layer.digest}`, { kind: 'status', status: 503, times: 100 });
    const t = new Transport({ env: env(), backoffMs: 5, attempts: 3 });
    try {
      await assert.rejects(
        scanImage(`${proxy.host}/f/app:1`, opts({ registry: { transport: t } })),
        (e: Error) => {
          assert.match(e.message, new RegExp(`${layer.digest}.*HTTP 503 \\(after 3 attempts\\)`));
          return true;
        },
      );
    } finally {
      t.close();
    }
  });
});
