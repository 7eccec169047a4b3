// Small real images for the registry tests, built with the project's image builder (digests computed),
// written as OCI layouts and docker-archives that skopeo pushes as-is.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildImage,
  DEBIAN_OS_RELEASE,
  dockerArchive,
  dpkgParagraph,
  writeOciLayout,
  type BuiltImage,
} from '../../../src/testing/image-builder.js';

/** deterministic incompressible bytes, so the layer blob is large enough to cut mid-transfer */
function noise(bytes: number, seed: string): Buffer {
  const out: Buffer[] = [];
  let h = Buffer.from(seed);
  for (let n = 0; n < bytes; n += 32) out.push((h = createHash('sha256').update(h).digest()));
  return Buffer.concat(out).subarray(0, bytes);
}

export function appImage(arch = 'amd64', version = '3.0.11-1~deb12u2', extra = ''): BuiltImage {
  return buildImage(
    [
      {
        entries: [
          { name: 'etc/os-release', content: DEBIAN_OS_RELEASE },
          {
            name: 'var/lib/dpkg/status',
            content:
              dpkgParagraph('libssl3', version, { source: 'openssl', arch }) +
              '\n' +
              dpkgParagraph('zlib1g', '1:1.2.13.dfsg-1', { source: 'zlib', arch }),
          },
        ],
        createdBy: '/bin/sh -c #(nop) ADD file:base in /',
      },
      {
        entries: [
          { name: 'app/', type: '5' },
          { name: 'app/server.js', content: `console.log("hello ${arch}${extra}")\n`.repeat(2000) },
          { name: 'app/config.env', content: 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n' },
          { name: 'app/assets.bin', content: noise(1024 * 1024, arch + extra) },
        ],
        createdBy: '/bin/sh -c #(nop) COPY dir:app in /app',
      },
    ],
    { architecture: arch, config: { config: { User: 'app', Cmd: ['node', '/app/server.js'] } } as never },
  );
}

export interface WrittenImages {
  amd64: BuiltImage;
  arm64: BuiltImage;
  /** OCI layout with tags "amd64", "arm64" and the index "multi" */
  layout: string;
  multiLayout: string;
  /** docker-archive of the amd64 image */
  archive: string;
}

export function writeImages(dir: string): WrittenImages {
  const amd64 = appImage('amd64');
  const arm64 = appImage('arm64');
  const layout = join(dir, 'layout');
  writeOciLayout(layout, [
    { image: amd64, tag: 'amd64' },
    { image: arm64, tag: 'arm64' },
  ]);
  const multiLayout = join(dir, 'multi');
  writeOciLayout(multiLayout, [{ image: amd64 }, { image: arm64 }], { multiPlatform: 'multi' });
  const archive = join(dir, 'app.docker.tar');
  writeFileSync(archive, dockerArchive(amd64, ['test/app:1']));
  return { amd64, arm64, layout, multiLayout, archive };
}
