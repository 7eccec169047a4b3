// Hostile layers at full size: a million tiny files. Bounded work and memory, warnings instead of
// failures. (Slow-ish: runs with the e2e suite.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync, constants } from 'node:zlib';
import { scanImage } from '../../src/scan/image.js';
import {
  buildImage,
  sha256,
  writeOciLayout,
  DEBIAN_OS_RELEASE,
  dpkgParagraph,
} from '../../src/testing/image-builder.js';
import { tarHeader } from '../../src/testing/tar-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-hostile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('a layer of 1,048,576 tiny files: bounded memory, index capped with a warning, packages still found', async () => {
  const count = 1 << 20;
  // one template header; per entry only the name and the checksum change
  const template = tarHeader({ name: '' }, 0);
  template.fill(0x20, 148, 156);
  let baseSum = 0;
  for (const b of template) baseSum += b;
  const blocks: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const h = Buffer.from(template);
    const name = `f/${(i >> 10).toString(36)}/${i.toString(36)}`;
    h.write(name, 0, 'latin1');
    let sum = baseSum;
    for (let k = 0; k < name.length; k++) sum += name.charCodeAt(k);
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    blocks.push(h);
  }
  const status = Buffer.from(dpkgParagraph('late', '1.0'));
  blocks.push(tarHeader({ name: 'var/lib/dpkg/status' }, status.length));
  blocks.push(Buffer.concat([status, Buffer.alloc(512 - (status.length % 512))]), Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  blocks.length = 0;
  const blob = gzipSync(tar, { level: constants.Z_BEST_SPEED });
  const image = buildImage([{ entries: [{ name: 'usr/lib/os-release', content: DEBIAN_OS_RELEASE }] }]);
  // append the big layer by hand (the builder would build it in memory a second time)
  const big = {
    blob,
    digest: sha256(blob),
    diffId: sha256(tar),
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    size: blob.length,
  };
  const config = JSON.parse(image.config.toString());
  config.rootfs.diff_ids.push(big.diffId);
  config.history.push({ created_by: 'many files' });
  const cfg = Buffer.from(JSON.stringify(config));
  const manifest = JSON.parse(image.manifest.toString());
  manifest.config.digest = sha256(cfg);
  manifest.config.size = cfg.length;
  manifest.layers.push({ mediaType: big.mediaType, digest: big.digest, size: big.size });
  const mbuf = Buffer.from(JSON.stringify(manifest));
  const dir = join(tmp, 'many');
  writeOciLayout(dir, [
    {
      image: {
        ...image,
        layers: [...image.layers, big],
        config: cfg,
        configDigest: sha256(cfg),
        manifest: mbuf,
        manifestDigest: sha256(mbuf),
      },
    },
  ]);
  const before = process.memoryUsage().rss;
  const r = await scanImage(dir, { noCache: true, scanners: [] });
  const grew = process.memoryUsage().rss - before;
  assert.deepEqual(
    r.packages.map((p) => p.name),
    ['late'],
  );
  assert.ok(
    r.warnings.some((w) => w.code === 'INDEX_LIMIT'),
    'index cap reported',
  );
  assert.ok(grew < 1024 * 1024 * 1024, `RSS grew by ${grew} bytes`);
});
