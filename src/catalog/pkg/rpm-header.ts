// rpm header blobs as stored in every rpmdb backend (lib/header.c's on-disk form without the 8-byte
// magic): int32 il (index entries), int32 dl (data bytes), il × 16-byte entries {tag, type, offset,
// count}, then dl bytes of data. All integers big-endian. Written in-house: no JS library reads rpm
// headers, and at scan time there is no `rpm` binary to ask.
import { PalisadeError } from '../../core/errors.js';

export const RPMTAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  SIZE: 1009,
  VENDOR: 1011,
  LICENSE: 1014,
  PACKAGER: 1015,
  URL: 1020,
  ARCH: 1022,
  OLDFILENAMES: 1027,
  FILESIZES: 1028,
  FILEMODES: 1030,
  FILEDIGESTS: 1035,
  FILEFLAGS: 1037,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  FILEDIGESTALGO: 5011,
  MODULARITYLABEL: 5096,
} as const;

const TYPE = {
  NULL: 0,
  CHAR: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  STRING: 6,
  BIN: 7,
  STRING_ARRAY: 8,
  I18N: 9,
};

/** A header blob is a few KB to a few MB; this bounds hostile il/dl values. */
const MAX_INDEX_ENTRIES = 1 << 20;

export interface RpmHeader {
  /** tag → value: string, string[], number[] (ints) or Buffer (bin) */
  readonly tags: Map<number, string | string[] | number[] | Buffer>;
}

export function parseRpmHeader(blob: Buffer): RpmHeader {
  if (blob.length < 8)
    throw new PalisadeError('INPUT', `rpm header blob of ${blob.length} bytes is too short`);
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  const dataStart = 8 + il * 16;
  if (il > MAX_INDEX_ENTRIES || dataStart + dl > blob.length)
    throw new PalisadeError(
      'INPUT',
      `rpm header blob is truncated or corrupt (il=${il}, dl=${dl}, ${blob.length} bytes)`,
    );
  const data = blob.subarray(dataStart, dataStart + dl);
  const tags = new Map<number, string | string[] | number[] | Buffer>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = blob.readUInt32BE(at);
    const type = blob.readUInt32BE(at + 4);
    const offset = blob.readInt32BE(at + 8);
    const count = blob.readUInt32BE(at + 12);
    if (tag >= 61 && tag <= 63) continue; // region tags (immutable/signature trailers)
    if (offset < 0 || offset > dl) continue;
    const v = readValue(data, type, offset, count);
    if (v !== undefined) tags.set(tag, v);
  }
  return { tags };
}

function readValue(data: Buffer, type: number, offset: number, count: number) {
  switch (type) {
    case TYPE.STRING:
      return readStrings(data, offset, 1)[0];
    case TYPE.STRING_ARRAY:
    case TYPE.I18N:
      return readStrings(data, offset, count);
    case TYPE.INT8:
    case TYPE.CHAR:
      return fixed(data, offset, count, 1, (o) => data.readUInt8(o));
    case TYPE.INT16:
      return fixed(data, offset, count, 2, (o) => data.readUInt16BE(o));
    case TYPE.INT32:
      return fixed(data, offset, count, 4, (o) => data.readUInt32BE(o));
    case TYPE.INT64:
      return fixed(data, offset, count, 8, (o) => Number(data.readBigUInt64BE(o)));
    case TYPE.BIN:
      return offset + count <= data.length ? data.subarray(offset, offset + count) : undefined;
    default:
      return undefined;
  }
}

function fixed(data: Buffer, offset: number, count: number, size: number, rd: (o: number) => number) {
  if (offset + count * size > data.length) return undefined;
  const out: number[] = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = rd(offset + i * size);
  return out;
}

function readStrings(data: Buffer, offset: number, count: number): string[] {
  const out: string[] = [];
  let at = offset;
  for (let i = 0; i < count && at < data.length; i++) {
    let end = data.indexOf(0, at);
    if (end < 0) end = data.length;
    out.push(data.toString('utf8', at, end));
    at = end + 1;
  }
  return out;
}

export function headerString(h: RpmHeader, tag: number): string | undefined {
  const v = h.tags.get(tag);
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

export function headerStrings(h: RpmHeader, tag: number): string[] {
  const v = h.tags.get(tag);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && (v.length === 0 || typeof v[0] === 'string')) return v as string[];
  return [];
}

export function headerInts(h: RpmHeader, tag: number): number[] {
  const v = h.tags.get(tag);
  return Array.isArray(v) && (v.length === 0 || typeof v[0] === 'number') ? (v as number[]) : [];
}

/** The package's file paths (image-relative, no leading '/'), from dirnames+basenames+dirindexes. */
export function headerFiles(h: RpmHeader): string[] {
  const base = headerStrings(h, RPMTAG.BASENAMES);
  let paths: string[];
  if (base.length) {
    const dirs = headerStrings(h, RPMTAG.DIRNAMES);
    const idx = headerInts(h, RPMTAG.DIRINDEXES);
    paths = base.map((b, i) => (dirs[idx[i] ?? -1] ?? '') + b);
  } else {
    paths = headerStrings(h, RPMTAG.OLDFILENAMES);
  }
  return paths.map((p) => p.replace(/^\/+/, ''));
}
