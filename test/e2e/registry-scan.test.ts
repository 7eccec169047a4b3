// `palisade registry scan` against a real docker-registry: catalog and tags/list with pagination, one
// scan per unique manifest digest, stale images, and images whose base has a newer version (declared
// by OCI base annotations, or inferred from shared leading layers and the base's tag line).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { captureIO } from '../../src/cli/capture-io.js';
import { main } from '../../src/cli/main.js';
import { scanRegistry, tagLine } from '../../src/scan/registry.js';
import {
  buildImage,
  DEBIAN_OS_RELEASE,
  dpkgParagraph,
  sha256,
  writeOciLayout,
  type BuiltImage,
  type LayerSpec,
} from '../../src/testing/image-builder.js';
import {
  missingRegistryTools,
  push,
  startRegistry,
  tempDir,
  type RunningRegistry,
} from './registry/harness.js';

const skip = missingRegistryTools();
const tmp = tempDir('pal-regscan-e2e-');
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

function baseLayer(ssl: string): LayerSpec {
  return {
    entries: [
      { name: 'etc/os-release', content: DEBIAN_OS_RELEASE },
      { name: 'var/lib/dpkg/status', content: dpkgParagraph('libssl3', ssl, { source: 'openssl' }) },
    ],
  };
}
const appLayer: LayerSpec = { entries: [{ name: 'app/main.js', content: 'console.log(1)\n' }] };

function withAnnotations(img: BuiltImage, annotations: Record<string, string>): BuiltImage {
  const manifest = Buffer.from(JSON.stringify({ ...JSON.parse(img.manifest.toString('utf8')), annotations }));
  return { ...img, manifest, manifestDigest: sha256(manifest) };
}

describe('registry scan (hygiene)', { skip }, () => {
  let reg: RunningRegistry;
  const images: Record<string, BuiltImage> = {};
  before(async () => {
    reg = await startRegistry();
    images.base121 = buildImage([baseLayer('3.0.11-1~deb12u1')], {
      config: { created: '2024-01-01T00:00:00Z' },
    });
    images.base122 = buildImage([baseLayer('3.0.15-1~deb12u1')], { config: { created: ago(5) } });
    images.base11 = buildImage([baseLayer('1.1.1w-0+deb11u1')], {
      config: { created: '2023-06-01T00:00:00Z' },
    });
    images.app1 = buildImage([baseLayer('3.0.11-1~deb12u1'), appLayer], { config: { created: ago(10) } });
    images.app2 = buildImage([baseLayer('3.0.15-1~deb12u1'), appLayer], { config: { created: ago(1) } });
    images.svc = withAnnotations(
      buildImage([{ entries: [{ name: 'srv/x', content: 'x' }] }], { config: { created: ago(2) } }),
      {
        'org.opencontainers.image.base.name': `${reg.host}/base:12`,
        'org.opencontainers.image.base.digest': images.base121.manifestDigest,
      },
    );
    const layout = join(tmp, 'layout');
    writeOciLayout(
      layout,
      Object.entries(images).map(([tag, image]) => ({ tag, image })),
    );
    const p = (tag: string, dest: string) =>
      push(`oci:${layout}:${tag}`, `${reg.host}/${dest}`, { format: 'oci' });
    await p('base121', 'base:12.1');
    await p('base122', 'base:12.2');
    await p('base122', 'base:12');
    await p('base11', 'base:11');
    await p('app1', 'app:1');
    await p('app2', 'app:2');
    await p('app2', 'app:latest');
    await p('svc', 'svc:1');
  });
  after(async () => {
    await reg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('tag lines: same prefix, major version and suffix', () => {
    assert.equal(tagLine('12.4-slim'), tagLine('12.7-slim'));
    assert.notEqual(tagLine('11-slim'), tagLine('12-slim'));
    assert.equal(tagLine('v1.2.3'), 'v1');
    assert.equal(tagLine('latest'), 'latest');
  });

  test('catalog and tags are paginated; each unique digest is scanned once; stale and outdated bases are reported', async () => {
    const r = await scanRegistry([reg.host], {
      noCache: true,
      scanners: [],
      staleDays: 90,
      pageSize: 1,
      env: { HOME: tmp, DOCKER_CONFIG: join(tmp, 'nocfg') },
    });
    assert.deepEqual(r.repositories.sort(), [`${reg.host}/app`, `${reg.host}/base`, `${reg.host}/svc`]);
    assert.match(reg.log(), /GET \/v2\/_catalog\?last=[^&"]+&n=1|GET \/v2\/_catalog\?n=1&last=/);
    assert.equal(r.summary.tags, 8);
    assert.equal(r.summary.uniqueImages, 6);
    assert.equal(r.summary.scanned, 6);
    const app2 = r.images.find((i) => i.digest === images.app2!.manifestDigest)!;
    assert.deepEqual(app2.references.map((x) => x.tag).sort(), ['2', 'latest']);
    assert.ok(app2.report!.packages.some((p) => p.version === '3.0.15-1~deb12u1'));

    assert.deepEqual(r.stale.map((s) => s.references.join(',')).sort(), [
      `${reg.host}/base:11`,
      `${reg.host}/base:12.1`,
    ]);

    const outdated = Object.fromEntries(r.outdatedBase.map((o) => [o.references[0], o]));
    assert.deepEqual(Object.keys(outdated).sort(), [`${reg.host}/app:1`, `${reg.host}/svc:1`]);
    const a = outdated[`${reg.host}/app:1`]!;
    assert.equal(a.how, 'inferred');
    assert.equal(a.base.digest, images.base121!.manifestDigest);
    assert.equal(a.newer.digest, images.base122!.manifestDigest);
    const s = outdated[`${reg.host}/svc:1`]!;
    assert.equal(s.how, 'declared');
    assert.equal(s.newer.digest, images.base122!.manifestDigest);
  });

  test('CLI: HOST/REPO targets, table output, JSON output, exit code gate', async () => {
    const io = captureIO({ HOME: tmp, DOCKER_CONFIG: join(tmp, 'nocfg') });
    const code = await main(
      [
        'registry',
        'scan',
        `${reg.host}/app`,
        `${reg.host}/base`,
        '--scanners',
        'none',
        '--no-cache',
        '--exit-code',
        '4',
      ],
      io,
    );
    assert.equal(code, 4, io.err());
    assert.match(io.out(), /2 repositories, 7 tags, 5 unique images \(5 scanned, 0 failed\)/);
    assert.match(
      io.out(),
      /app:1: built on \S+\/base:12\.1 \(sha256:[0-9a-f]{12}\); newer: \S+\/base:12(\.2)? /,
    );
    const json = captureIO({ HOME: tmp, DOCKER_CONFIG: join(tmp, 'nocfg') });
    assert.equal(
      await main(
        ['registry', 'scan', `${reg.host}/app`, '--scanners', 'none', '--no-cache', '-f', 'json'],
        json,
      ),
      0,
    );
    const doc = JSON.parse(json.out());
    assert.equal(doc.summary.uniqueImages, 2);
    assert.ok(doc.images[0].report.schemaVersion);
    const io2 = captureIO({ HOME: tmp, DOCKER_CONFIG: join(tmp, 'nocfg') });
    assert.equal(await main(['registry', 'scan', 'notahost', '--no-cache'], io2), 2);
    assert.match(io2.err(), /^palisade: notahost: expected HOST\[\/REPO\]/);
  });
});
