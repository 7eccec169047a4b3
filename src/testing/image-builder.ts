// Builds real OCI layouts, docker-archives and oci-archives from tar specs, for tests that must run
// anywhere (no Docker, no skopeo). Digests are computed, so sources verify them as for real images.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ImageConfig } from '../core/types.js';
import { buildTar, type TarSpec } from './tar-builder.js';

export interface LayerSpec {
  entries: TarSpec[];
  compression?: 'gzip' | 'none' | 'zstd';
  /** replace the layer's bytes after digests are computed (to test verification) */
  tamper?: (blob: Buffer) => Buffer;
  createdBy?: string;
}

export interface BuiltLayer {
  blob: Buffer;
  digest: string;
  diffId: string;
  mediaType: string;
  size: number;
}

export interface BuiltImage {
  layers: BuiltLayer[];
  config: Buffer;
  configDigest: string;
  manifest: Buffer;
  manifestDigest: string;
  platform: { os: string; architecture: string; variant?: string };
}

export const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function zstdCompress(b: Buffer): Buffer {
  return execFileSync('zstd', ['-q', '-c', '-'], { input: b });
}

export function buildImage(
  layers: LayerSpec[],
  opts: { config?: Partial<ImageConfig>; architecture?: string; os?: string; variant?: string } = {},
): BuiltImage {
  const built = layers.map((l) => {
    const tar = buildTar(l.entries);
    const compression = l.compression ?? 'gzip';
    let blob = compression === 'gzip' ? gzipSync(tar) : compression === 'zstd' ? zstdCompress(tar) : tar;
    const digest = sha256(blob);
    if (l.tamper) blob = l.tamper(blob);
    const mediaType =
      compression === 'gzip'
        ? 'application/vnd.oci.image.layer.v1.tar+gzip'
        : compression === 'zstd'
          ? 'application/vnd.oci.image.layer.v1.tar+zstd'
          : 'application/vnd.oci.image.layer.v1.tar';
    return { blob, digest, diffId: sha256(tar), mediaType, size: blob.length };
  });
  const architecture = opts.architecture ?? 'amd64';
  const os = opts.os ?? 'linux';
  const config: ImageConfig = {
    architecture,
    os,
    ...(opts.variant ? { variant: opts.variant } : {}),
    created: opts.config?.created ?? '2024-01-01T00:00:00Z',
    config: { Env: ['PATH=/usr/bin:/bin'], ...(opts.config?.config ?? {}) },
    rootfs: { type: 'layers', diff_ids: built.map((b) => b.diffId) },
    history: layers.map((l, i) => ({ created_by: l.createdBy ?? `layer ${i}` })),
  };
  const configBuf = Buffer.from(JSON.stringify(config));
  const configDigest = sha256(configBuf);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: configBuf.length,
      },
      layers: built.map((b) => ({ mediaType: b.mediaType, digest: b.digest, size: b.size })),
    }),
  );
  return {
    layers: built,
    config: configBuf,
    configDigest,
    manifest,
    manifestDigest: sha256(manifest),
    platform: { os, architecture, ...(opts.variant ? { variant: opts.variant } : {}) },
  };
}

function writeBlob(dir: string, digest: string, data: Buffer) {
  const hex = digest.slice('sha256:'.length);
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'blobs', 'sha256', hex), data);
}

/**
 * An OCI layout. Each entry becomes a top-level manifest with a ref.name tag; `multiPlatform` groups
 * all images under one nested image index with that tag instead.
 */
export function writeOciLayout(
  dir: string,
  images: { image: BuiltImage; tag?: string }[],
  opts: { multiPlatform?: string } = {},
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const descs = images.map(({ image, tag }) => {
    writeBlob(dir, image.configDigest, image.config);
    for (const l of image.layers) writeBlob(dir, l.digest, l.blob);
    writeBlob(dir, image.manifestDigest, image.manifest);
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: image.manifestDigest,
      size: image.manifest.length,
      platform: image.platform,
      ...(tag ? { annotations: { 'org.opencontainers.image.ref.name': tag } } : {}),
    };
  });
  let manifests: unknown[] = descs;
  if (opts.multiPlatform) {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: descs.map(({ annotations: _a, ...d }) => d),
      }),
    );
    const digest = sha256(index);
    writeBlob(dir, digest, index);
    manifests = [
      {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest,
        size: index.length,
        annotations: { 'org.opencontainers.image.ref.name': opts.multiPlatform },
      },
    ];
  }
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }),
  );
}

/** docker save format: manifest.json + <hex>.json config + <hex>/layer.tar (uncompressed unless the layer was built compressed). */
export function dockerArchive(image: BuiltImage, repoTags: string[] = ['test/app:latest']): Buffer {
  const specs: TarSpec[] = [];
  const cfgName = `${image.configDigest.slice(7)}.json`;
  specs.push({ name: cfgName, content: image.config });
  const layerNames = image.layers.map((l) => {
    const name = `${l.diffId.slice(7, 71)}/layer.tar`;
    specs.push({ name: `${l.diffId.slice(7, 71)}/`, type: '5' }, { name, content: l.blob });
    return name;
  });
  specs.push({
    name: 'manifest.json',
    content: JSON.stringify([{ Config: cfgName, RepoTags: repoTags, Layers: layerNames }]),
  });
  return buildTar(specs);
}

/** Tar up an OCI layout directory (what skopeo's oci-archive: writes). */
export function ociArchive(layoutDir: string): Buffer {
  const tmp = mkdtempSync(join(tmpdir(), 'pal-ociarch-'));
  try {
    const out = join(tmp, 'a.tar');
    execFileSync('tar', ['-cf', out, '-C', layoutDir, '.']);
    return readFileSync(out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A dpkg status paragraph. */
export function dpkgParagraph(
  name: string,
  version: string,
  opts: { source?: string; arch?: string } = {},
): string {
  return [
    `Package: ${name}`,
    'Status: install ok installed',
    'Priority: optional',
    `Architecture: ${opts.arch ?? 'amd64'}`,
    ...(opts.source ? [`Source: ${opts.source}`] : []),
    `Version: ${version}`,
    'Description: test package',
    '',
  ].join('\n');
}

export const DEBIAN_OS_RELEASE =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';
