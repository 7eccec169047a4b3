// Turns what the user typed into an image source: transport prefixes (docker-archive:, oci-archive:,
// oci:) or a bare path whose format is detected from its content.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { PalisadeError } from '../core/errors.js';
import { openDockerArchive } from './docker-archive.js';
import { parsePlatform, type Platform } from './oci.js';
import { dirLayout, openOciLayout, tarLayout } from './oci-layout.js';
import { looksLikeTar, TarFile } from './tar-file.js';
import type { ImageSource } from './types.js';

export interface OpenImageOptions {
  /** os/arch[/variant]; default linux/amd64 */
  platform?: string;
  /** largest size a gzip-compressed archive may expand to in its temporary copy */
  maxArchiveBytes?: number;
}

const TRANSPORTS = ['docker-archive:', 'oci-archive:', 'oci:'] as const;

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Split "PATH[:SUFFIX]" where PATH itself may contain ':' — the longest existing prefix wins. */
async function splitPathSuffix(rest: string): Promise<{ path: string; suffix?: string }> {
  if (await exists(rest)) return { path: rest };
  const i = rest.lastIndexOf(':');
  if (i > 0 && (await exists(rest.slice(0, i))))
    return { path: rest.slice(0, i), suffix: rest.slice(i + 1) || undefined };
  // allow an image reference with a colon as suffix (docker-archive:x.tar:repo:tag)
  const j = rest.indexOf(':');
  if (j > 0 && (await exists(rest.slice(0, j))))
    return { path: rest.slice(0, j), suffix: rest.slice(j + 1) || undefined };
  throw new PalisadeError('INPUT', `${rest}: no such file or directory`);
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    await fh.read(b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** `docker save | gzip` output: tar members cannot be reached without decompressing, so copy once. */
async function gunzipToTemp(
  path: string,
  maxBytes: number,
): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-archive-'));
  const file = join(dir, 'image.tar');
  let written = 0;
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const gunzip = createGunzip();
    gunzip.on('data', (c: Buffer) => {
      written += c.length;
      if (written > maxBytes)
        gunzip.destroy(
          new PalisadeError('LIMIT', `${path}: expands to more than ${maxBytes} bytes; refusing`),
        );
    });
    await pipeline(createReadStream(path), gunzip, createWriteStream(file));
  } catch (e) {
    await cleanup();
    if (e instanceof PalisadeError) throw e;
    throw new PalisadeError('INPUT', `${path}: gzip data is corrupt: ${(e as Error).message}`);
  }
  return { file, cleanup };
}

async function openArchive(
  path: string,
  name: string,
  suffix: string | undefined,
  platform: Platform,
  kind?: 'docker' | 'oci',
  maxArchiveBytes = 64 * 1024 ** 3,
): Promise<ImageSource> {
  let file = path;
  let cleanup: (() => Promise<void>) | undefined;
  if (await isGzip(path)) ({ file, cleanup } = await gunzipToTemp(path, maxArchiveBytes));
  try {
    if (!(await looksLikeTar(file)))
      throw new PalisadeError('INPUT', `${path}: not a tar archive, OCI layout or docker-archive`);
    const tar = await TarFile.open(file);
    const isDocker = tar.get('manifest.json') !== undefined;
    const isOci = tar.get('oci-layout') !== undefined && tar.get('index.json') !== undefined;
    let src: ImageSource;
    if ((kind === 'docker' || (!kind && isDocker)) && isDocker)
      src = await openDockerArchive(tar, { name, select: suffix });
    else if ((kind === 'oci' || !kind) && isOci)
      src = await openOciLayout(tarLayout(tar), { name, tag: suffix, platform, type: 'oci-archive' });
    else {
      await tar.close();
      throw new PalisadeError(
        'INPUT',
        `${path}: ${kind === 'docker' ? 'not a docker-archive (no manifest.json)' : kind === 'oci' ? 'not an oci-archive (no oci-layout/index.json)' : 'a tar archive but neither a docker-archive nor an oci-archive'}`,
      );
    }
    if (cleanup) {
      const close = src.close;
      src.close = async () => {
        await close();
        await cleanup!();
      };
    }
    return src;
  } catch (e) {
    await cleanup?.();
    throw e;
  }
}

/** Open an image from a local reference. Registry and engine references are handled by their sources. */
export async function openLocalImage(ref: string, opts: OpenImageOptions = {}): Promise<ImageSource> {
  const platform = parsePlatform(opts.platform ?? 'linux/amd64');
  const transport = TRANSPORTS.find((t) => ref.startsWith(t));
  if (transport) {
    const { path, suffix } = await splitPathSuffix(ref.slice(transport.length));
    if (transport === 'oci:') {
      if (!(await stat(path)).isDirectory())
        throw new PalisadeError('INPUT', `${path}: oci: needs an OCI layout directory`);
      return openOciLayout(dirLayout(path), { name: ref, tag: suffix, platform, type: 'oci-layout' });
    }
    return openArchive(
      path,
      ref,
      suffix,
      platform,
      transport === 'docker-archive:' ? 'docker' : 'oci',
      opts.maxArchiveBytes,
    );
  }
  const { path, suffix } = await splitPathSuffix(ref);
  const st = await stat(path);
  if (st.isDirectory()) {
    if (await exists(join(path, 'oci-layout')))
      return openOciLayout(dirLayout(path), { name: ref, tag: suffix, platform, type: 'oci-layout' });
    throw new PalisadeError(
      'USAGE',
      `${path}: a directory without an oci-layout file; to scan a root filesystem use 'palisade rootfs ${path}'`,
    );
  }
  return openArchive(path, ref, suffix, platform, undefined, opts.maxArchiveBytes);
}

/** true when `ref` names something on the local disk (a path or a local transport) */
export async function isLocalReference(ref: string): Promise<boolean> {
  if (TRANSPORTS.some((t) => ref.startsWith(t))) return true;
  if (await exists(ref)) return true;
  const i = ref.lastIndexOf(':');
  return i > 0 && (await exists(ref.slice(0, i)));
}
