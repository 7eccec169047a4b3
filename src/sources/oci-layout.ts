// OCI image layouts (image-spec image-layout.md): a directory, or the same inside a tar (oci-archive).
// `oci:DIR:TAG` picks the manifest whose org.opencontainers.image.ref.name is TAG.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PalisadeError } from '../core/errors.js';
import { parseDigest } from './digest.js';
import {
  isIndexMediaType,
  MAX_MANIFEST_BYTES,
  resolveImage,
  selectPlatform,
  type Descriptor,
  type ManifestFetcher,
  type Platform,
} from './oci.js';
import type { TarFile } from './tar-file.js';
import type { ImageSource } from './types.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

interface LayoutFiles {
  readFile(path: string, maxBytes: number): Promise<Buffer | undefined>;
  openFile(path: string): Readable;
  size(path: string): Promise<number | undefined>;
  close(): Promise<void>;
  where: string;
}

function blobPath(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `blobs/${algorithm}/${hex}`;
}

export function dirLayout(dir: string): LayoutFiles {
  return {
    where: dir,
    async readFile(path, maxBytes) {
      let fh;
      try {
        fh = await open(join(dir, path), 'r');
      } catch {
        return undefined;
      }
      try {
        const { size } = await fh.stat();
        if (size > maxBytes)
          throw new PalisadeError('LIMIT', `${join(dir, path)} is ${size} bytes, more than ${maxBytes}`);
        const buf = Buffer.alloc(size);
        await fh.read(buf, 0, size, 0);
        return buf;
      } finally {
        await fh.close();
      }
    },
    openFile: (path) => createReadStream(join(dir, path), { highWaterMark: 256 * 1024 }),
    async size(path) {
      try {
        return (await stat(join(dir, path))).size;
      } catch {
        return undefined;
      }
    },
    async close() {},
  };
}

export function tarLayout(tar: TarFile): LayoutFiles {
  return {
    where: tar.path,
    readFile: (path, maxBytes) => tar.read(path, maxBytes),
    openFile: (path) => tar.openStream(path),
    size: async (path) => tar.get(path)?.size,
    close: () => tar.close(),
  };
}

function fetcherFor(files: LayoutFiles): ManifestFetcher {
  return {
    async readBlob(digest, maxBytes) {
      const b = await files.readFile(blobPath(digest), maxBytes);
      if (!b) throw new PalisadeError('INPUT', `${files.where}: blob ${digest} is missing from the layout`);
      return b;
    },
    async openBlob(desc: Descriptor) {
      const p = blobPath(desc.digest);
      if ((await files.size(p)) === undefined)
        throw new PalisadeError('INPUT', `${files.where}: blob ${desc.digest} is missing from the layout`);
      return files.openFile(p);
    },
  };
}

const refOf = (d: Descriptor) => d.annotations?.[REF_NAME] ?? d.annotations?.[CONTAINERD_NAME];

/** Tags named in a layout's index.json, for error messages and listings. */
function tagsOf(index: { manifests?: Descriptor[] }): string[] {
  return (index.manifests ?? []).map(refOf).filter((t): t is string => !!t);
}

export async function openOciLayout(
  files: LayoutFiles,
  opts: { name: string; tag?: string; platform: Platform; type: 'oci-layout' | 'oci-archive' },
): Promise<ImageSource> {
  const layoutFile = await files.readFile('oci-layout', 64 * 1024);
  if (!layoutFile) throw new PalisadeError('INPUT', `${files.where}: not an OCI layout (no oci-layout file)`);
  const indexBody = await files.readFile('index.json', MAX_MANIFEST_BYTES);
  if (!indexBody) throw new PalisadeError('INPUT', `${files.where}: OCI layout has no index.json`);
  let index: { manifests?: Descriptor[]; mediaType?: string };
  try {
    index = JSON.parse(indexBody.toString('utf8'));
  } catch (e) {
    throw new PalisadeError('INPUT', `${files.where}: index.json is not valid JSON: ${(e as Error).message}`);
  }
  const manifests = index.manifests ?? [];
  let root: Descriptor;
  if (opts.tag !== undefined) {
    const hit = manifests.find(
      (d) =>
        d.annotations?.[REF_NAME] === opts.tag ||
        d.annotations?.[CONTAINERD_NAME] === opts.tag ||
        d.annotations?.[CONTAINERD_NAME]?.endsWith(`:${opts.tag}`),
    );
    if (!hit)
      throw new PalisadeError(
        'NOT_FOUND',
        `${files.where}: no tag ${JSON.stringify(opts.tag)} in the layout; tags: ${tagsOf(index).join(', ') || 'none'}`,
      );
    root = hit;
  } else if (manifests.length === 1) {
    root = manifests[0]!;
  } else if (manifests.length === 0) {
    throw new PalisadeError('INPUT', `${files.where}: index.json lists no manifests`);
  } else if (
    new Set(manifests.map(refOf).filter(Boolean)).size <= 1 &&
    manifests.every((d) => d.platform && !isIndexMediaType(d.mediaType))
  ) {
    // the layout's index.json is itself a multi-platform index
    root = selectPlatform({ manifests }, opts.platform, files.where);
  } else {
    throw new PalisadeError(
      'USAGE',
      `${files.where}: the layout holds ${manifests.length} images; pick one with ${opts.type === 'oci-archive' ? 'oci-archive' : 'oci'}:PATH:TAG (tags: ${tagsOf(index).join(', ') || 'none'})`,
    );
  }
  const resolved = await resolveImage(root, fetcherFor(files), { platform: opts.platform, name: opts.name });
  const refName = refOf(root);
  return {
    name: opts.name,
    type: opts.type,
    manifestDigest: resolved.manifestDigest,
    configDigest: resolved.configDigest,
    config: resolved.config,
    layers: resolved.layers,
    repoTags: refName ? [refName] : undefined,
    platform: resolved.platform,
    warnings: resolved.warnings,
    close: () => files.close(),
  };
}
