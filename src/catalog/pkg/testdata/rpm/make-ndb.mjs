// Writes rpm header blobs (lines "hnum|HEX" from sqlite) into rpm's NDB Packages.db layout
// (lib/backend/ndb/rpmpkg.c): 32-byte header {"RpmP", version 0, generation, slot pages, next pkgidx},
// 4096-byte slot pages of 16-byte slots {"Slot", pkgidx, blkoff, blkcnt}, blobs in 16-byte blocks:
// {"BlbS", pkgidx, adler32, length} + blob + tail {adler32, length, "BlbE"}, zero-padded.
import { readFileSync, writeFileSync } from 'node:fs';
const [src, out] = process.argv.slice(2);
const blobs = readFileSync(src, 'utf8').trim().split('\n').map((l) => {
  const [h, hex] = l.split('|');
  return { idx: Number(h), data: Buffer.from(hex, 'hex') };
});
const adler32 = (b) => { let a = 1, s = 0; for (const x of b) { a = (a + x) % 65521; s = (s + a) % 65521; } return ((s << 16) | a) >>> 0; };
const PAGE = 4096, BLK = 16, slotPages = 1;
const parts = [];
let blk = (slotPages * PAGE) / BLK;
const slots = Buffer.alloc(slotPages * PAGE);
slots.write('RpmP', 0, 'latin1'); slots.writeUInt32LE(0, 4); slots.writeUInt32LE(1, 8); slots.writeUInt32LE(slotPages, 12);
slots.writeUInt32LE(Math.max(...blobs.map((b) => b.idx)) + 1, 16);
for (let s = 2; s < (slotPages * PAGE) / 16; s++) slots.write('Slot', s * 16, 'latin1');
blobs.forEach((b, i) => {
  const len = 16 + b.data.length + 12;
  const cnt = Math.ceil(len / BLK);
  const rec = Buffer.alloc(cnt * BLK);
  const ck = adler32(b.data);
  rec.write('BlbS', 0, 'latin1'); rec.writeUInt32LE(b.idx, 4); rec.writeUInt32LE(ck, 8); rec.writeUInt32LE(b.data.length, 12);
  b.data.copy(rec, 16);
  rec.writeUInt32LE(ck, rec.length - 12); rec.writeUInt32LE(b.data.length, rec.length - 8); rec.write('BlbE', rec.length - 4, 'latin1');
  const at = (2 + i) * 16;
  slots.writeUInt32LE(b.idx, at + 4); slots.writeUInt32LE(blk, at + 8); slots.writeUInt32LE(cnt, at + 12);
  parts.push(rec);
  blk += cnt;
});
writeFileSync(out, Buffer.concat([slots, ...parts]));
