// rpm's NDB backend, Packages.db (SUSE ≥ 15.3): a 16-byte header {magic "RpmP", version 0, generation,
// slot pages}, slot pages of 4096 bytes holding 16-byte slots {magic "Slot", pkgidx, blkoff, blkcnt}
// (the header takes the first two slots), and blobs at blkoff×16: {magic "BlbS", pkgidx, adler32,
// length} then the header. Layout from rpm's lib/backend/ndb/rpmpkg.c; all little-endian.
import type { Analyzer } from '../analyzer.js';
import { PalisadeError } from '../../core/errors.js';
import { finalizeRpm, rpmBlobsToResult } from './rpm-package.js';

const PATHS = new Set(['var/lib/rpm/Packages.db', 'usr/lib/sysimage/rpm/Packages.db']);
const HEADER_MAGIC = 0x506d7052; // "RpmP"
const SLOT_MAGIC = 0x746f6c53; // "Slot"
const BLOB_MAGIC = 0x53626c42; // "BlbS"
const PAGE = 4096;
const BLK = 16;
const MAX_SLOT_PAGES = 2048;

export function readRpmNdb(buf: Buffer): Buffer[] {
  if (buf.length < PAGE || buf.readUInt32LE(0) !== HEADER_MAGIC)
    throw new PalisadeError('INPUT', 'not an rpm NDB Packages.db (bad magic)');
  const version = buf.readUInt32LE(4);
  const slotPages = buf.readUInt32LE(12);
  if (version !== 0) throw new PalisadeError('UNSUPPORTED', `rpm NDB version ${version} is not supported`);
  if (slotPages === 0 || slotPages > MAX_SLOT_PAGES || slotPages * PAGE > buf.length)
    throw new PalisadeError('INPUT', `rpm NDB Packages.db has a bad slot page count ${slotPages}`);
  const blobs: Buffer[] = [];
  for (let at = 2 * BLK; at < slotPages * PAGE; at += BLK) {
    if (buf.readUInt32LE(at) !== SLOT_MAGIC)
      throw new PalisadeError('INPUT', `rpm NDB slot at ${at}: bad magic`);
    const pkgIdx = buf.readUInt32LE(at + 4);
    if (pkgIdx === 0) continue; // free slot
    const off = buf.readUInt32LE(at + 8) * BLK;
    if (off + 16 > buf.length)
      throw new PalisadeError('INPUT', `rpm NDB package ${pkgIdx}: blob offset past end`);
    if (buf.readUInt32LE(off) !== BLOB_MAGIC || buf.readUInt32LE(off + 4) !== pkgIdx)
      throw new PalisadeError('INPUT', `rpm NDB package ${pkgIdx}: bad blob header`);
    const len = buf.readUInt32LE(off + 12);
    if (off + 16 + len > buf.length)
      throw new PalisadeError('INPUT', `rpm NDB package ${pkgIdx}: blob past end`);
    blobs.push(buf.subarray(off + 16, off + 16 + len));
  }
  return blobs;
}

export const rpmNdb = {
  id: 'rpm-ndb',
  version: 1,
  maxSize: 512 * 1024 * 1024,
  finalizeSeesHidden: true,
  finalize: finalizeRpm,
  required: (path) => PATHS.has(path),
  async analyze({ path, read }) {
    return rpmBlobsToResult(readRpmNdb(await read()), path, 'rpm-ndb');
  },
} as const satisfies Analyzer;
