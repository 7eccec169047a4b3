// Builds tar archives in memory for tests, including malformed and hostile ones.
import { gzipSync } from 'node:zlib';

export interface TarSpec {
  name: string;
  type?: '0' | '1' | '2' | '3' | '5' | '6' | 'S' | 'L' | 'x' | 'g';
  content?: string | Buffer;
  mode?: number;
  linkname?: string;
  uid?: number;
  gid?: number;
  /** size field override (lie about the size) */
  size?: number;
  /** raw bytes for the GNU sparse realsize field */
  realSize?: number;
  /** write the name into the prefix field (ustar split) */
  prefix?: string;
  badChecksum?: boolean;
}

function octal(n: number, len: number): string {
  return n.toString(8).padStart(len - 1, '0') + '\0';
}

export function tarHeader(spec: TarSpec, dataLen: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(spec.name.slice(0, 100), 0, 'utf8');
  h.write(octal(spec.mode ?? (spec.type === '5' ? 0o755 : 0o644), 8), 100, 'latin1');
  h.write(octal(spec.uid ?? 0, 8), 108, 'latin1');
  h.write(octal(spec.gid ?? 0, 8), 116, 'latin1');
  h.write(octal(spec.size ?? dataLen, 12), 124, 'latin1');
  h.write(octal(1700000000, 12), 136, 'latin1');
  h.write(spec.type ?? '0', 156, 'latin1');
  if (spec.linkname) h.write(spec.linkname.slice(0, 100), 157, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  if (spec.prefix) h.write(spec.prefix, 345, 'utf8');
  if (spec.realSize !== undefined) h.write(octal(spec.realSize, 12), 483, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  if (spec.badChecksum) sum += 1;
  h.write(octal(sum, 7) + ' ', 148, 'latin1');
  return h;
}

function pad(b: Buffer): Buffer {
  const r = b.length % 512;
  return r ? Buffer.concat([b, Buffer.alloc(512 - r)]) : b;
}

export function paxRecords(attrs: Record<string, string>): Buffer {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) {
    const body = ` ${k}=${v}\n`;
    let len = body.length + 1;
    while (String(len).length + Buffer.byteLength(body) !== len)
      len = String(len).length + Buffer.byteLength(body);
    out += `${len}${body}`;
  }
  return Buffer.from(out);
}

/** A tar archive from specs; `end: false` omits the two end blocks. */
export function buildTar(specs: TarSpec[], opts: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const s of specs) {
    const data =
      s.content === undefined
        ? Buffer.alloc(0)
        : Buffer.isBuffer(s.content)
          ? s.content
          : Buffer.from(s.content);
    parts.push(tarHeader(s, data.length), pad(data));
  }
  if (opts.end !== false) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function buildTarGz(specs: TarSpec[]): Buffer {
  return gzipSync(buildTar(specs));
}

export async function* chunked(b: Buffer, size = 777): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
