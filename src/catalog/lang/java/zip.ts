// A small zip reader over an in-memory buffer: central directory → entries, stored/deflate data through
// node:zlib with a hard output cap. Written in-house because the catalogers need bounds that the zip
// libraries do not give on buffers: yauzl is stream/callback based over file descriptors and trusts the
// declared sizes until it has inflated them; fflate's unzipSync inflates every accepted entry eagerly
// into one allocation sized by the (attacker-controlled) header. Here each entry is inflated only when
// asked for, with maxOutputLength, and callers keep a running budget across nested archives.
import { inflateRawSync } from 'node:zlib';
import { PalisadeError } from '../../../core/errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const MAX_ENTRIES = 200_000;

export function readZipEntries(buf: Buffer): ZipEntry[] {
  // the EOCD record is in the last 22 + 65535 bytes
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--)
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new PalisadeError('INPUT', 'not a zip archive (no end of central directory)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (
    (count === 0xffff || cdOffset === 0xffffffff) &&
    eocd >= 20 &&
    buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR
  ) {
    const z = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (z + 56 <= buf.length && buf.readUInt32LE(z) === ZIP64_EOCD) {
      count = Number(buf.readBigUInt64LE(z + 32));
      cdOffset = Number(buf.readBigUInt64LE(z + 48));
    }
  }
  if (count > MAX_ENTRIES)
    throw new PalisadeError('LIMIT', `zip archive has ${count} entries (limit ${MAX_ENTRIES})`);
  const out: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CEN)
      throw new PalisadeError('INPUT', 'zip central directory is corrupt');
    const method = buf.readUInt16LE(at + 10);
    let compressedSize = buf.readUInt32LE(at + 20);
    let size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    let localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    // zip64 extra field: the 0xffffffff fields, in order
    let x = at + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd && x + 4 <= buf.length) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 1) {
        let p = x + 4;
        if (size === 0xffffffff && p + 8 <= x + 4 + len) {
          size = Number(buf.readBigUInt64LE(p));
          p += 8;
        }
        if (compressedSize === 0xffffffff && p + 8 <= x + 4 + len) {
          compressedSize = Number(buf.readBigUInt64LE(p));
          p += 8;
        }
        if (localOffset === 0xffffffff && p + 8 <= x + 4 + len) localOffset = Number(buf.readBigUInt64LE(p));
      }
      x += 4 + len;
    }
    out.push({ name, method, compressedSize, size, localOffset });
    at = xEnd + commentLen;
  }
  return out;
}

/** An entry's bytes; throws LIMIT when it would inflate past `maxBytes` (whatever its header says). */
export function readZipEntry(buf: Buffer, e: ZipEntry, maxBytes: number): Buffer {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOC)
    throw new PalisadeError('INPUT', `zip entry ${e.name}: bad local header`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + e.compressedSize;
  if (end > buf.length)
    throw new PalisadeError('INPUT', `zip entry ${e.name}: data past the end of the archive`);
  const data = buf.subarray(start, end);
  if (e.method === 0) {
    if (data.length > maxBytes)
      throw new PalisadeError('LIMIT', `zip entry ${e.name} is larger than ${maxBytes} bytes`);
    return data;
  }
  if (e.method !== 8)
    throw new PalisadeError('UNSUPPORTED', `zip entry ${e.name}: compression method ${e.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new PalisadeError('LIMIT', `zip entry ${e.name} inflates past ${maxBytes} bytes`);
    throw new PalisadeError('INPUT', `zip entry ${e.name}: ${(err as Error).message}`);
  }
}
