// rpm's Berkeley DB backend, Packages (RHEL/CentOS ≤ 8, Amazon Linux 2, old SUSE): a DB_HASH file whose
// values are rpm headers. We read pages directly (layout from libdb's dbinc/db_page.h): page 0 is the
// hash meta page {magic 0x061561 at 12, pagesize at 20, last_pgno at 32}; hash pages (type 13, or 2
// before libdb 4.6) hold an index of item offsets, items alternating key/value; a value is inline
// (H_KEYDATA) or, for headers bigger than a fraction of a page, a chain of overflow pages (H_OFFPAGE).
// Databases written on big-endian hosts (s390x) have every integer swapped: the meta magic tells.
import type { Analyzer } from '../analyzer.js';
import { PalisadeError } from '../../core/errors.js';
import { finalizeRpm, rpmBlobsToResult } from './rpm-package.js';

const PATHS = new Set(['var/lib/rpm/Packages', 'usr/lib/sysimage/rpm/Packages']);
const HASH_MAGIC = 0x061561;
const PAGE_HEADER = 26;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const PAGE_SIZES = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);
/** one rpm header is at most a few tens of MB (rpm's own limit is 256 MB for the whole header) */
const MAX_VALUE = 256 * 1024 * 1024;

export function readRpmBdb(buf: Buffer): Buffer[] {
  if (buf.length < 512) throw new PalisadeError('INPUT', 'not a Berkeley DB file (too short)');
  let be: boolean;
  if (buf.readUInt32LE(12) === HASH_MAGIC) be = false;
  else if (buf.readUInt32BE(12) === HASH_MAGIC) be = true;
  else throw new PalisadeError('INPUT', 'not a Berkeley DB hash database (bad magic)');
  const u32 = (o: number) => (be ? buf.readUInt32BE(o) : buf.readUInt32LE(o));
  const u16 = (o: number) => (be ? buf.readUInt16BE(o) : buf.readUInt16LE(o));
  const pageSize = u32(20);
  if (!PAGE_SIZES.has(pageSize))
    throw new PalisadeError('INPUT', `Berkeley DB page size ${pageSize} is invalid`);
  if (buf[24] !== 0)
    throw new PalisadeError('UNSUPPORTED', 'encrypted Berkeley DB databases are not supported');
  const lastPage = Math.min(u32(32), Math.floor(buf.length / pageSize) - 1);

  const overflow = (first: number, total: number): Buffer => {
    if (total > MAX_VALUE)
      throw new PalisadeError('LIMIT', `Berkeley DB value of ${total} bytes is too large`);
    const out = Buffer.allocUnsafe(total);
    let got = 0;
    let pg = first;
    const seen = new Set<number>();
    while (got < total) {
      if (pg === 0 || pg > lastPage || seen.has(pg))
        throw new PalisadeError('INPUT', `Berkeley DB overflow chain broken at page ${pg}`);
      seen.add(pg);
      const base = pg * pageSize;
      if (buf[base + 25] !== P_OVERFLOW)
        throw new PalisadeError('INPUT', `Berkeley DB page ${pg} is not an overflow page`);
      // on overflow pages hf_offset holds the number of data bytes on the page
      const n = Math.min(u16(base + 22), pageSize - PAGE_HEADER, total - got);
      buf.copy(out, got, base + PAGE_HEADER, base + PAGE_HEADER + n);
      got += n;
      pg = u32(base + 16); // next_pgno
    }
    return out;
  };

  const values: Buffer[] = [];
  for (let pg = 1; pg <= lastPage; pg++) {
    const base = pg * pageSize;
    const type = buf[base + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    const offsetOf = (i: number) => u16(base + PAGE_HEADER + i * 2);
    for (let i = 1; i < entries; i += 2) {
      const at = offsetOf(i);
      if (at < PAGE_HEADER || at >= pageSize) continue;
      const kind = buf[base + at];
      if (kind === H_OFFPAGE) {
        values.push(overflow(u32(base + at + 4), u32(base + at + 8)));
      } else if (kind === H_KEYDATA) {
        // items grow down from the page end: item i ends where item i-1 starts
        const end = i === 0 ? pageSize : offsetOf(i - 1);
        if (end > at + 1 && end <= pageSize) values.push(buf.subarray(base + at + 1, base + end));
      }
    }
  }
  // key 0 holds rpm's next-instance counter (4 bytes), not a header
  return values.filter((v) => v.length >= 8);
}

export const rpmBdb = {
  id: 'rpm-bdb',
  version: 1,
  maxSize: 1024 * 1024 * 1024,
  finalizeSeesHidden: true,
  finalize: finalizeRpm,
  required: (path) => PATHS.has(path),
  async analyze({ path, read }) {
    return rpmBlobsToResult(readRpmBdb(await read()), path, 'rpm-bdb');
  },
} as const satisfies Analyzer;
