// Turns a layer blob (gzip, zstd or plain tar) into a stream of uncompressed chunks, hashing both sides
// as it goes so the blob digest and the diffID are verified in the same single read.
import { createHash, type Hash } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { PalisadeError } from '../core/errors.js';

export type Compression = 'gzip' | 'zstd' | 'none';

export interface LayerStreamStats {
  compression: Compression;
  compressedBytes: number;
  uncompressedBytes: number;
  /** sha256:… of the bytes as read (the blob) */
  blobDigest: string;
  /** sha256:… of the uncompressed tar (the diffID) */
  diffId: string;
}

export interface LayerStreamOptions {
  /** stop with a LIMIT error after this many uncompressed bytes (decompression bombs) */
  maxUncompressedBytes?: number;
  /** stop when uncompressed/compressed exceeds this ratio past 1 GiB (gzip of pure zeros is ~1000) */
  maxRatio?: number;
  /** label for errors, e.g. "layer 3 (sha256:ab12…)" */
  label: string;
}

export const DEFAULT_MAX_LAYER_BYTES = 64 * 1024 ** 3;
const RATIO_FLOOR = 1024 ** 3;

export function detectCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd)
    return 'zstd';
  return 'none';
}

type ZlibWithZstd = typeof zlib & { createZstdDecompress?: () => NodeJS.ReadWriteStream };

/** Decompress an async source of compressed chunks. */
async function* decompress(
  first: Buffer,
  rest: AsyncIterator<Buffer>,
  compression: Compression,
): AsyncGenerator<Buffer> {
  if (compression === 'none') {
    yield first;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
    return;
  }
  if (compression === 'zstd' && !(zlib as ZlibWithZstd).createZstdDecompress) {
    // Node < 22.15 has no zstd in zlib; fzstd is a maintained pure-JS streaming decoder
    const out: Buffer[] = [];
    const d = new ZstdDecompress((chunk) =>
      out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
    );
    const feed = (c: Buffer, final: boolean) => {
      try {
        d.push(c, final);
      } catch (e) {
        throw new PalisadeError('INPUT', `zstd data is corrupt: ${(e as Error).message}`);
      }
    };
    feed(first, false);
    for (let r = await rest.next(); !r.done; r = await rest.next()) {
      feed(r.value, false);
      while (out.length) yield out.shift()!;
    }
    feed(Buffer.alloc(0), true);
    while (out.length) yield out.shift()!;
    return;
  }
  const z =
    compression === 'gzip'
      ? zlib.createGunzip({ chunkSize: 128 * 1024 })
      : (zlib as ZlibWithZstd).createZstdDecompress!();
  let sourceError: unknown;
  const input = Readable.from(
    (async function* () {
      yield first;
      try {
        for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
      } catch (e) {
        sourceError = e;
        throw e;
      }
    })(),
    { objectMode: false },
  );
  let failure: Error | undefined;
  const out = pipeline(input, z as unknown as NodeJS.WritableStream, (err) => {
    if (err) failure = err;
  }) as unknown as Readable;
  try {
    for await (const c of out) yield c as Buffer;
  } catch (e) {
    if (sourceError) throw sourceError;
    const err = failure ?? (e as Error);
    if (err instanceof PalisadeError) throw err;
    throw new PalisadeError('INPUT', `${compression} data is corrupt: ${err.message}`);
  } finally {
    out.destroy();
  }
  if (sourceError) throw sourceError;
  if (failure) {
    if (failure instanceof PalisadeError) throw failure;
    throw new PalisadeError('INPUT', `${compression} data is corrupt: ${failure.message}`);
  }
}

/**
 * Open a layer: returns the uncompressed chunks and, once they are fully consumed, the stats with both
 * digests. The caller compares the digests with what the manifest/config claims.
 */
export function layerStream(
  source: Readable,
  opts: LayerStreamOptions,
): { chunks: AsyncGenerator<Buffer>; stats: () => LayerStreamStats } {
  const blobHash: Hash = createHash('sha256');
  const diffHash: Hash = createHash('sha256');
  const maxBytes = opts.maxUncompressedBytes ?? DEFAULT_MAX_LAYER_BYTES;
  const maxRatio = opts.maxRatio ?? 2000;
  const s: LayerStreamStats = {
    compression: 'none',
    compressedBytes: 0,
    uncompressedBytes: 0,
    blobDigest: '',
    diffId: '',
  };
  let finished = false;

  async function* compressed(): AsyncGenerator<Buffer> {
    for await (const c of source) {
      const b = c as Buffer;
      blobHash.update(b);
      s.compressedBytes += b.length;
      yield b;
    }
  }

  async function* run(): AsyncGenerator<Buffer> {
    const it = compressed();
    let r = await it.next();
    while (!r.done && r.value.length === 0) r = await it.next();
    if (r.done) {
      finished = true;
      s.blobDigest = `sha256:${blobHash.digest('hex')}`;
      s.diffId = `sha256:${diffHash.digest('hex')}`;
      return;
    }
    s.compression = detectCompression(r.value);
    for await (const c of decompress(r.value, it, s.compression)) {
      s.uncompressedBytes += c.length;
      if (s.uncompressedBytes > maxBytes)
        throw new PalisadeError('LIMIT', `${opts.label}: more than ${maxBytes} bytes uncompressed; stopped`);
      if (
        s.compression !== 'none' &&
        s.uncompressedBytes > RATIO_FLOOR &&
        s.uncompressedBytes / Math.max(1, s.compressedBytes) > maxRatio
      )
        throw new PalisadeError(
          'LIMIT',
          `${opts.label}: compression ratio above ${maxRatio}:1 past 1 GiB (decompression bomb?); stopped`,
        );
      // an uncompressed blob is its own diffID: hash it once
      if (s.compression !== 'none') diffHash.update(c);
      yield c;
    }
    finished = true;
    s.blobDigest = `sha256:${blobHash.digest('hex')}`;
    s.diffId = s.compression === 'none' ? s.blobDigest : `sha256:${diffHash.digest('hex')}`;
  }

  return {
    chunks: run(),
    stats: () => {
      if (!finished) throw new PalisadeError('INTERNAL', `${opts.label}: stats read before the stream ended`);
      return s;
    },
  };
}
