// A streaming tar reader (POSIX ustar, pax, GNU long names and sparse headers).
//
// Written in-house rather than with tar-stream/node-tar because the scanner needs, per entry: no stream
// object (1 M tiny files must stay cheap), content read only on demand and only up to a cap, data
// skipped otherwise, exact byte offsets for errors, and every hostile header turned into a warning or a
// clean stop instead of an exception deep inside a library's state machine.
import { PalisadeError } from '../core/errors.js';
import type { FileType } from '../catalog/analyzer.js';

const BLOCK = 512;

export interface TarHeader {
  /** name as stored (after pax/GNU long-name overrides), not normalised */
  name: string;
  type: FileType;
  /** raw type flag character */
  flag: string;
  mode: number;
  uid: number;
  gid: number;
  /** bytes of data that follow the header in the archive */
  size: number;
  /** logical size: differs from `size` for sparse files */
  realSize: number;
  sparse: boolean;
  mtime: number;
  linkname: string;
  uname?: string;
  gname?: string;
  /** byte offset of the header in the uncompressed stream */
  offset: number;
  /** pax extended attributes (SCHILY.xattr.* etc.), when present */
  pax?: Record<string, string>;
}

export interface TarEntry extends TarHeader {
  /** Read the entry's data, at most `max` bytes (error when larger). Only once, before the next entry. */
  read(max: number): Promise<Buffer>;
}

/** Pulls exact byte counts out of a chunked async source. */
export class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  /** bytes consumed so far */
  position = 0;
  constructor(private readonly it: AsyncIterator<Buffer | Uint8Array | string>) {}

  private failure: unknown;

  private async fill(): Promise<boolean> {
    // a source error (corrupt compression, I/O) is final: every later read sees it again, so a
    // consumer that caught it once (an analyzer reading a file) cannot mistake it for end of input
    if (this.failure !== undefined) throw this.failure;
    if (this.done) return false;
    let r: IteratorResult<Buffer | Uint8Array | string>;
    try {
      r = await this.it.next();
    } catch (e) {
      this.failure = e;
      throw e;
    }
    if (r.done) {
      this.done = true;
      return false;
    }
    const v = r.value;
    const chunk = Buffer.isBuffer(v)
      ? v
      : typeof v === 'string'
        ? Buffer.from(v)
        : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    if (this.pos < this.buf.length) {
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
    } else {
      this.buf = chunk;
    }
    this.pos = 0;
    return true;
  }

  /** n bytes if they are already buffered, without waiting; undefined otherwise. */
  tryRead(n: number): Buffer | undefined {
    if (this.buf.length - this.pos < n) return undefined;
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.position += n;
    return out;
  }

  /** skip n bytes if they are already buffered; false otherwise (nothing consumed) */
  trySkip(n: number): boolean {
    if (this.buf.length - this.pos < n) return false;
    this.pos += n;
    this.position += n;
    return true;
  }

  /** Exactly n bytes, or fewer only at end of input (caller checks length). */
  async read(n: number): Promise<Buffer> {
    if (this.buf.length - this.pos >= n) {
      const out = this.buf.subarray(this.pos, this.pos + n);
      this.pos += n;
      this.position += n;
      return out;
    }
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const avail = this.buf.length - this.pos;
      if (avail === 0) {
        if (!(await this.fill())) break;
        continue;
      }
      const take = Math.min(avail, need);
      parts.push(this.buf.subarray(this.pos, this.pos + take));
      this.pos += take;
      need -= take;
    }
    const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.position += out.length;
    return out;
  }

  /** Skip n bytes; returns how many were skipped (fewer only at end of input). */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      const avail = this.buf.length - this.pos;
      if (avail === 0) {
        if (!(await this.fill())) break;
        continue;
      }
      const take = Math.min(avail, left);
      this.pos += take;
      left -= take;
    }
    this.position += n - left;
    return n - left;
  }

  /** Read and discard everything left (so digests over the whole stream complete). */
  async drain(): Promise<number> {
    let n = this.buf.length - this.pos;
    this.pos = this.buf.length;
    while (await this.fill()) {
      n += this.buf.length;
      this.pos = this.buf.length;
    }
    this.position += n;
    return n;
  }
}

export function cstring(b: Buffer, start: number, len: number): string {
  let end = start;
  const max = start + len;
  while (end < max && b[end] !== 0) end++;
  return b.toString('utf8', start, end);
}

/** Octal number field, or GNU base-256 when the high bit of the first byte is set. */
export function numeric(b: Buffer, start: number, len: number): number {
  const first = b[start]!;
  if (first & 0x80) {
    // base-256: big-endian two's complement; negative values are nonsense for our fields
    if (first & 0x40) return -1;
    let v = first & 0x3f;
    for (let i = start + 1; i < start + len; i++) {
      v = v * 256 + b[i]!;
      if (v > Number.MAX_SAFE_INTEGER) return -1;
    }
    return v;
  }
  let v = 0;
  let seen = false;
  for (let i = start; i < start + len; i++) {
    const c = b[i]!;
    if (c === 0 || c === 0x20) {
      if (seen) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return -1;
    v = v * 8 + (c - 0x30);
    seen = true;
  }
  return v;
}

export function checksumOk(b: Buffer): boolean {
  const stored = numeric(b, 148, 8);
  let unsigned = 8 * 0x20; // the checksum field itself counts as spaces
  for (let i = 0; i < 148; i++) unsigned += b[i]!;
  for (let i = 156; i < BLOCK; i++) unsigned += b[i]!;
  if (stored === unsigned) return true;
  // some old writers summed signed bytes
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) signed += b[i]! > 127 ? b[i]! - 256 : b[i]!;
  return stored === signed;
}

export function isZeroBlock(b: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (b[i] !== 0) return false;
  return true;
}

/** PAX records: "%d %s=%s\n", length includes itself. Malformed records end the parse. */
export function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    let sp = i;
    while (sp < data.length && data[sp] !== 0x20) sp++;
    const len = Number(data.toString('latin1', i, sp));
    if (!Number.isInteger(len) || len <= 0 || i + len > data.length || sp >= i + len) break;
    const rec = data.toString('utf8', sp + 1, i + len - 1); // drop trailing \n
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

function typeOf(flag: string): FileType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
    case 'S':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char';
    case '4':
      return 'block';
    case '5':
    case 'D':
      return 'dir';
    case '6':
      return 'fifo';
    default:
      return 'other';
  }
}

export interface TarLimits {
  /** largest pax/GNU long-name metadata record accepted (default 1 MiB) */
  maxMetaSize?: number;
}

export interface TarWarning {
  code: string;
  message: string;
  offset: number;
}

/**
 * Iterate the entries of a tar stream. Data not read by the consumer is skipped when it asks for the
 * next entry. Malformed headers end the walk with a warning pushed to `warnings` (what came before is
 * kept). The caller should `reader.drain()` afterwards if it needs the whole stream consumed.
 */
export async function* tarEntries(
  reader: ChunkReader,
  warnings: TarWarning[],
  limits: TarLimits = {},
): AsyncGenerator<TarEntry> {
  const maxMeta = limits.maxMetaSize ?? 1024 * 1024;
  let gnuLongName: string | undefined;
  let gnuLongLink: string | undefined;
  let pax: Record<string, string> | undefined;
  let globalPax: Record<string, string> = {};
  let zeroBlocks = 0;

  for (;;) {
    const offset = reader.position;
    const h = reader.tryRead(BLOCK) ?? (await reader.read(BLOCK));
    if (h.length === 0) {
      if (zeroBlocks === 0)
        warnings.push({ code: 'TAR_TRUNCATED', message: 'tar ends without end-of-archive blocks', offset });
      return;
    }
    if (h.length < BLOCK) {
      warnings.push({
        code: 'TAR_TRUNCATED',
        message: `tar truncated inside a header at byte ${offset}`,
        offset,
      });
      return;
    }
    if (isZeroBlock(h)) {
      zeroBlocks++;
      if (zeroBlocks >= 2) return;
      continue;
    }
    if (zeroBlocks) {
      // a lone zero block followed by more headers: tolerate (some writers pad oddly)
      zeroBlocks = 0;
    }
    if (!checksumOk(h)) {
      warnings.push({ code: 'TAR_BAD_HEADER', message: `bad tar header checksum at byte ${offset}`, offset });
      return;
    }
    const flag = String.fromCharCode(h[156]!);
    const size = numeric(h, 124, 12);
    if (size < 0) {
      warnings.push({
        code: 'TAR_BAD_HEADER',
        message: `bad size field in tar header at byte ${offset}`,
        offset,
      });
      return;
    }
    const padded = Math.ceil(size / BLOCK) * BLOCK;

    // metadata entries that modify the next header
    if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
      if (size > maxMeta) {
        warnings.push({
          code: 'TAR_LIMIT',
          message: `tar metadata record of ${size} bytes at byte ${offset} exceeds ${maxMeta}`,
          offset,
        });
        return;
      }
      const data = await reader.read(padded);
      if (data.length < padded) {
        warnings.push({
          code: 'TAR_TRUNCATED',
          message: `tar truncated inside metadata at byte ${offset}`,
          offset,
        });
        return;
      }
      const body = data.subarray(0, size);
      if (flag === 'L') gnuLongName = cstring(body, 0, body.length);
      else if (flag === 'K') gnuLongLink = cstring(body, 0, body.length);
      else if (flag === 'x') pax = { ...(pax ?? {}), ...parsePax(body) };
      else globalPax = { ...globalPax, ...parsePax(body) };
      continue;
    }

    const magic = h.toString('latin1', 257, 263);
    let name = cstring(h, 0, 100);
    if (magic === 'ustar\0' || magic.startsWith('ustar')) {
      const prefix = magic === 'ustar\0' ? cstring(h, 345, 155) : '';
      if (prefix) name = `${prefix}/${name}`;
    }
    let linkname = cstring(h, 157, 100);
    const attrs = { ...globalPax, ...(pax ?? {}) };
    if (gnuLongName !== undefined) name = gnuLongName;
    if (gnuLongLink !== undefined) linkname = gnuLongLink;
    if (attrs.path !== undefined) name = attrs.path;
    if (attrs.linkpath !== undefined) linkname = attrs.linkpath;
    let dataSize = size;
    if (attrs.size !== undefined) {
      const s = Number(attrs.size);
      if (Number.isSafeInteger(s) && s >= 0) dataSize = s;
    }
    const dataPadded = Math.ceil(dataSize / BLOCK) * BLOCK;
    let realSize = dataSize;
    let sparse = false;
    if (flag === 'S') {
      sparse = true;
      const rs = numeric(h, 483, 12);
      if (rs >= 0) realSize = rs;
      // extended sparse headers follow the header when isextended is set; each is one block
      let ext = h[482] === 1;
      while (ext) {
        const e = await reader.read(BLOCK);
        if (e.length < BLOCK) {
          warnings.push({
            code: 'TAR_TRUNCATED',
            message: `tar truncated in sparse map at byte ${offset}`,
            offset,
          });
          return;
        }
        ext = e[504] === 1;
      }
    }
    if (attrs['GNU.sparse.realsize'] !== undefined || attrs['GNU.sparse.size'] !== undefined) {
      sparse = true;
      const rs = Number(attrs['GNU.sparse.realsize'] ?? attrs['GNU.sparse.size']);
      if (Number.isSafeInteger(rs) && rs >= 0) realSize = rs;
      if (attrs['GNU.sparse.name']) name = attrs['GNU.sparse.name'];
    }
    let uid = numeric(h, 108, 8);
    let gid = numeric(h, 116, 8);
    if (attrs.uid !== undefined) uid = Number(attrs.uid);
    if (attrs.gid !== undefined) gid = Number(attrs.gid);
    let mtime = numeric(h, 136, 12);
    if (attrs.mtime !== undefined) mtime = Math.floor(Number(attrs.mtime));
    const entryPax = pax && Object.keys(pax).length ? pax : undefined;
    gnuLongName = gnuLongLink = pax = undefined;

    const type = typeOf(flag);
    // directories, links and devices carry no data even if a hostile header says otherwise; still
    // skip whatever bytes the header claims so the stream stays aligned
    let consumed = false;
    const entry: TarEntry = {
      name,
      type,
      flag,
      mode: numeric(h, 100, 8) & 0o7777,
      uid: uid < 0 ? 0 : uid,
      gid: gid < 0 ? 0 : gid,
      size: dataSize,
      realSize: type === 'file' ? realSize : 0,
      sparse,
      mtime,
      linkname,
      uname: cstring(h, 265, 32) || undefined,
      gname: cstring(h, 297, 32) || undefined,
      offset,
      pax: entryPax,
      async read(max: number): Promise<Buffer> {
        if (consumed) throw new PalisadeError('INTERNAL', `tar entry ${name} read twice`);
        if (dataSize > max)
          throw new PalisadeError('LIMIT', `${name}: ${dataSize} bytes exceeds the read limit of ${max}`);
        consumed = true;
        const data = await reader.read(dataPadded);
        if (data.length < dataSize) throw new PalisadeError('INPUT', `tar truncated inside ${name}`);
        return data.subarray(0, dataSize);
      },
    };
    yield entry;
    if (!consumed) {
      consumed = true;
      if (reader.trySkip(dataPadded)) continue;
      const skipped = await reader.skip(dataPadded);
      if (skipped < dataPadded) {
        warnings.push({ code: 'TAR_TRUNCATED', message: `tar truncated inside ${name}`, offset });
        return;
      }
    }
  }
}
