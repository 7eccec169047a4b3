// Random access into a tar file on disk (docker-archive, oci-archive): one pass over the headers with
// positional reads, seeking over the data, then each member opens as a byte range. Members are never
// copied out of the archive.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { PalisadeError } from '../core/errors.js';
import { normalizePath } from '../extract/paths.js';
import { checksumOk, cstring, isZeroBlock, numeric, parsePax } from '../extract/tar.js';

export interface TarMember {
  name: string;
  offset: number;
  size: number;
  type: string;
  linkname?: string;
}

const MAX_MEMBERS = 1_000_000;

export class TarFile {
  private constructor(
    readonly path: string,
    readonly members: Map<string, TarMember>,
    private readonly fh: FileHandle,
  ) {}

  static async open(path: string): Promise<TarFile> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      throw new PalisadeError('INPUT', `${path}: cannot open (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
    try {
      const members = await indexMembers(fh, path);
      return new TarFile(path, members, fh);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** the member, following hardlinks (docker save may hardlink identical layers) */
  get(name: string): TarMember | undefined {
    let m = this.members.get(normalizePath(name).path);
    for (let hops = 0; m && m.type === '1' && m.linkname !== undefined && hops < 8; hops++)
      m = this.members.get(normalizePath(m.linkname).path);
    return m && m.type !== '1' ? m : undefined;
  }

  async read(name: string, maxBytes: number): Promise<Buffer | undefined> {
    const m = this.get(name);
    if (!m) return undefined;
    if (m.size > maxBytes)
      throw new PalisadeError('LIMIT', `${this.path}: ${name} is ${m.size} bytes, more than ${maxBytes}`);
    const buf = Buffer.alloc(m.size);
    const { bytesRead } = await this.fh.read(buf, 0, m.size, m.offset);
    if (bytesRead < m.size) throw new PalisadeError('INPUT', `${this.path}: ${name} is truncated`);
    return buf;
  }

  openStream(name: string): Readable {
    const m = this.get(name);
    if (!m) throw new PalisadeError('INPUT', `${this.path}: no member ${name}`);
    if (m.size === 0) return createReadStream(this.path, { start: 1, end: 0 });
    return createReadStream(this.path, {
      start: m.offset,
      end: m.offset + m.size - 1,
      highWaterMark: 256 * 1024,
    });
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

async function indexMembers(fh: FileHandle, path: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const { size: fileSize } = await fh.stat();
  const h = Buffer.alloc(512);
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (pos + 512 <= fileSize) {
    const { bytesRead } = await fh.read(h, 0, 512, pos);
    if (bytesRead < 512) break;
    if (isZeroBlock(h)) break;
    if (!checksumOk(h))
      throw new PalisadeError('INPUT', `${path}: not a tar archive (bad header checksum at byte ${pos})`);
    const flag = String.fromCharCode(h[156]!);
    let size = numeric(h, 124, 12);
    if (size < 0) throw new PalisadeError('INPUT', `${path}: bad tar size field at byte ${pos}`);
    const dataOffset = pos + 512;
    if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
      if (size > 1024 * 1024)
        throw new PalisadeError('LIMIT', `${path}: tar metadata record too large at byte ${pos}`);
      const data = Buffer.alloc(size);
      await fh.read(data, 0, size, dataOffset);
      if (flag === 'L') longName = cstring(data, 0, size);
      else if (flag === 'K') longLink = cstring(data, 0, size);
      else if (flag === 'x') pax = { ...pax, ...parsePax(data) };
    } else {
      let name = cstring(h, 0, 100);
      const prefix = h.toString('latin1', 257, 263) === 'ustar\0' ? cstring(h, 345, 155) : '';
      if (prefix) name = `${prefix}/${name}`;
      let linkname = cstring(h, 157, 100);
      if (longName !== undefined) name = longName;
      if (longLink !== undefined) linkname = longLink;
      if (pax.path) name = pax.path;
      if (pax.linkpath) linkname = pax.linkpath;
      if (pax.size && Number.isSafeInteger(Number(pax.size))) size = Number(pax.size);
      longName = longLink = undefined;
      pax = {};
      const n = normalizePath(name);
      if (!n.escapes && n.path) {
        if (members.size >= MAX_MEMBERS)
          throw new PalisadeError('LIMIT', `${path}: more than ${MAX_MEMBERS} members`);
        members.set(n.path, {
          name: n.path,
          offset: dataOffset,
          size,
          type: flag === '\0' ? '0' : flag,
          linkname: linkname || undefined,
        });
      }
    }
    pos = dataOffset + Math.ceil(size / 512) * 512;
  }
  if (pos > fileSize) throw new PalisadeError('INPUT', `${path}: tar archive is truncated`);
  return members;
}

/** True when the first block of the file is a valid tar header. */
export async function looksLikeTar(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const h = Buffer.alloc(512);
    const { bytesRead } = await fh.read(h, 0, 512, 0);
    return bytesRead === 512 && !isZeroBlock(h) && checksumOk(h);
  } finally {
    await fh.close();
  }
}
