import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Package } from '../../core/types.js';
import { readRpmBdb, rpmBdb } from './rpm-bdb.js';
import { readRpmNdb, rpmNdb } from './rpm-ndb.js';
import { rpmBlobsToResult } from './rpm-package.js';
import { readRpmSqlite, rpmSqlite } from './rpm-sqlite.js';
import { analyzeBuffer } from '../testutil.js';

const dir = fileURLToPath(new URL('./testdata/rpm/', import.meta.url));
const fixture = (n: string) => readFileSync(dir + n);

/** Same columns as make-fixtures.sh's `rpm -qa --qf`, from our parser. */
export function rpmQa(pkgs: Package[]): string[] {
  return pkgs
    .map((p) => {
      const m = p.metadata ?? {};
      return [
        p.name,
        m.epoch ?? 0,
        p.version.replace(/^\d+:/, '').replace(/-[^-]+$/, ''),
        p.version.replace(/^.*-/, ''),
        p.arch,
        m.sourceRpm ?? '(none)',
        m.license ?? '(none)',
        m.vendor ?? '(none)',
        m.modularityLabel ?? '(none)',
        p.files?.length ?? 0,
      ].join('|');
    })
    .sort();
}

const expected = readFileSync(dir + 'expected.txt', 'utf8')
  .trim()
  .split('\n')
  .sort();

for (const [name, file, read] of [
  ['sqlite', 'rpmdb.sqlite', readRpmSqlite],
  ['bdb', 'Packages', readRpmBdb],
  ['ndb', 'Packages.db', readRpmNdb],
] as const) {
  test(`rpm ${name}: every package matches rpm -qa`, () => {
    const r = rpmBlobsToResult(read(fixture(file)), file, name);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(rpmQa(r.packages!), expected);
  });
}

test('rpm package fields: purl, epoch, source, licenses, files', async () => {
  const r = await analyzeBuffer(rpmSqlite, 'var/lib/rpm/rpmdb.sqlite', fixture('rpmdb.sqlite'));
  const hello = r.packages!.find((p) => p.name === 'palisade-hello')!;
  assert.equal(hello.version, '2:1.2.3-4.el9');
  assert.equal(hello.purl, 'pkg:rpm/rpm/palisade-hello@1.2.3-4.el9?arch=x86_64&epoch=2');
  assert.deepEqual(hello.source, { name: 'palisade-hello', version: '2:1.2.3-4.el9' });
  assert.deepEqual(hello.licenses, ['GPL-2.0-or-later AND MIT']);
  assert.deepEqual(hello.files, ['usr/bin/palisade-hello', 'usr/share/doc/palisade-hello/README']);
  assert.equal(hello.metadata!.modularityLabel, 'palisade:1.2:8040020200923213406:9f9e2e7e');
  assert.deepEqual(hello.locations, [{ path: 'var/lib/rpm/rpmdb.sqlite' }]);
  const libs = r.packages!.find((p) => p.name === 'palisade-hello-libs')!;
  assert.equal(libs.source!.name, 'palisade-hello');
  const py = r.packages!.find((p) => p.name === 'python3-palisade-requests')!;
  assert.equal(py.purl, 'pkg:rpm/rpm/python3-palisade-requests@2.25.1-4.el9?arch=noarch');
  assert.deepEqual(py.licenses, ['Apache-2.0']);
  assert.ok(py.files!.includes('usr/lib/python3.9/site-packages/requests-2.25.1.dist-info/METADATA'));
});

test('rpm analyzers claim their paths only', () => {
  assert.ok(rpmSqlite.required('usr/lib/sysimage/rpm/rpmdb.sqlite'));
  assert.ok(rpmBdb.required('var/lib/rpm/Packages'));
  assert.ok(rpmNdb.required('usr/lib/sysimage/rpm/Packages.db'));
  assert.ok(!rpmBdb.required('var/lib/rpm/Packages.db'));
});

test('rpm bdb: big-endian (s390x) databases read the same', () => {
  // swap every integer the reader uses: meta page fields, page headers, index entries, offpage refs
  const le = fixture('Packages');
  const blobsLe = readRpmBdb(le);
  assert.equal(blobsLe.length, 4);
  const be = Buffer.from(le);
  const pageSize = le.readUInt32LE(20);
  for (const o of [12, 20, 32]) be.writeUInt32BE(le.readUInt32LE(o), o);
  for (let pg = 1; pg * pageSize < le.length; pg++) {
    const b = pg * pageSize;
    for (const o of [16]) be.writeUInt32BE(le.readUInt32LE(b + o), b + o);
    for (const o of [20, 22]) be.writeUInt16BE(le.readUInt16LE(b + o), b + o);
    if (le[b + 25] === 13 || le[b + 25] === 2) {
      const n = le.readUInt16LE(b + 20);
      for (let i = 0; i < n; i++) {
        const at = le.readUInt16LE(b + 26 + i * 2);
        be.writeUInt16BE(at, b + 26 + i * 2);
        if (le[b + at] === 3)
          for (const o of [4, 8]) be.writeUInt32BE(le.readUInt32LE(b + at + o), b + at + o);
      }
    }
  }
  assert.deepEqual(readRpmBdb(be), blobsLe);
});

test('rpm: corrupt input is a clear error or a warning, never a hang', () => {
  assert.throws(() => readRpmBdb(Buffer.alloc(4096)), /bad magic/);
  assert.throws(() => readRpmNdb(Buffer.alloc(4096)), /bad magic/);
  assert.throws(() => readRpmSqlite(Buffer.from('not sqlite at all'.repeat(10))), /not an SQLite database/);
  // an overflow chain that loops back on itself
  const bdb = Buffer.from(fixture('Packages'));
  const pageSize = bdb.readUInt32LE(20);
  for (let pg = 1; pg * pageSize < bdb.length; pg++)
    if (bdb[pg * pageSize + 25] === 7) bdb.writeUInt32LE(pg, pg * pageSize + 16);
  assert.throws(() => readRpmBdb(bdb), /overflow chain/);
  // a truncated header blob becomes a warning
  const r = rpmBlobsToResult([Buffer.from([0, 0, 0, 9, 0, 0, 0, 9])], 'x', 'rpm-sqlite');
  assert.equal(r.packages!.length, 0);
  assert.match(r.warnings![0]!.message, /truncated or corrupt/);
});
