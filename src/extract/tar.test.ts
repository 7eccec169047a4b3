import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, linkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ChunkReader, parsePax, tarEntries, type TarWarning } from './tar.js';
import { buildTar, chunked, paxRecords } from '../testing/tar-builder.js';

async function list(tar: Buffer, chunk = 777) {
  const warnings: TarWarning[] = [];
  const out: { name: string; type: string; size: number; link: string; data?: string; mode: number }[] = [];
  for await (const e of tarEntries(new ChunkReader(chunked(tar, chunk)), warnings)) {
    const item = {
      name: e.name,
      type: e.type,
      size: e.realSize,
      link: e.linkname,
      mode: e.mode,
    } as (typeof out)[number];
    if (e.name.endsWith('.txt')) item.data = (await e.read(1 << 20)).toString();
    out.push(item);
  }
  return { out, warnings };
}

test('reads regular files, dirs, symlinks and hardlinks across chunk boundaries', async () => {
  const tar = buildTar([
    { name: 'etc/', type: '5' },
    { name: 'etc/a.txt', content: 'hello' },
    { name: 'etc/big.bin', content: Buffer.alloc(5000, 1) },
    { name: 'etc/l', type: '2', linkname: '../usr/lib/os-release' },
    { name: 'etc/h', type: '1', linkname: 'etc/a.txt' },
    { name: 'etc/b.txt', content: 'world', mode: 0o4755 },
  ]);
  for (const chunk of [1, 511, 512, 513, 4096, 1 << 20]) {
    const { out, warnings } = await list(tar, chunk);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      out.map((e) => [e.name, e.type, e.size, e.data ?? '', e.link]),
      [
        ['etc/', 'dir', 0, '', ''],
        ['etc/a.txt', 'file', 5, 'hello', ''],
        ['etc/big.bin', 'file', 5000, '', ''],
        ['etc/l', 'symlink', 0, '', '../usr/lib/os-release'],
        ['etc/h', 'hardlink', 0, '', 'etc/a.txt'],
        ['etc/b.txt', 'file', 5, 'world', ''],
      ],
    );
    assert.equal(out[5]!.mode, 0o4755);
  }
});

test('pax path/linkpath/size and GNU long names override the header', async () => {
  const long = 'd/'.repeat(80) + 'file.txt';
  const tar = buildTar([
    { name: 'PaxHeaders/x', type: 'x', content: paxRecords({ path: long, 'SCHILY.xattr.user.k': 'v' }) },
    { name: 'short.txt', content: 'pax' },
    { name: '././@LongLink', type: 'L', content: long.replace('file', 'gnu') + '\0' },
    { name: 'trunc', content: 'gnu' },
    { name: 'p', type: 'g', content: paxRecords({ comment: 'global' }) },
    { name: 'x.txt', prefix: 'pre/fix', content: 'ustar prefix' },
  ]);
  const { out, warnings } = await list(tar);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    out.map((e) => [e.name, e.data]),
    [
      [long, 'pax'],
      [long.replace('file', 'gnu'), 'gnu'],
      ['pre/fix/x.txt', 'ustar prefix'],
    ],
  );
});

test('parsePax stops at a malformed record instead of looping', () => {
  assert.deepEqual(parsePax(Buffer.from('12 path=abc\n0 x=y\n')), { path: 'abc' });
  assert.deepEqual(parsePax(Buffer.from('999999 path=abc\n')), {});
});

test('a bad checksum ends the walk with a warning, keeping earlier entries', async () => {
  const tar = buildTar([
    { name: 'ok.txt', content: 'a' },
    { name: 'bad.txt', content: 'b', badChecksum: true },
    { name: 'after.txt', content: 'c' },
  ]);
  const { out, warnings } = await list(tar);
  assert.deepEqual(
    out.map((e) => e.name),
    ['ok.txt'],
  );
  assert.equal(warnings[0]!.code, 'TAR_BAD_HEADER');
});

test('truncation inside data or header is a warning, not an exception', async () => {
  const tar = buildTar([{ name: 'a.bin', content: Buffer.alloc(3000) }], { end: false });
  const { warnings } = await list(tar.subarray(0, 1500));
  assert.equal(warnings[0]!.code, 'TAR_TRUNCATED');
  const { warnings: w2 } = await list(tar.subarray(0, 100));
  assert.equal(w2[0]!.code, 'TAR_TRUNCATED');
});

test('a GNU sparse entry declaring 10 GB costs only its stored bytes', async () => {
  const tar = buildTar([
    { name: 'sparse', type: 'S', content: Buffer.alloc(512, 7), realSize: 10 * 1024 ** 3 },
    { name: 'after.txt', content: 'x' },
  ]);
  const { out, warnings } = await list(tar);
  assert.deepEqual(warnings, []);
  assert.equal(out[0]!.size, 10 * 1024 ** 3);
  assert.equal(out[1]!.data, 'x');
});

test('read() refuses content above the cap and the walk continues', async () => {
  const tar = buildTar([
    { name: 'huge', content: Buffer.alloc(10000) },
    { name: 'next.txt', content: 'n' },
  ]);
  const names: string[] = [];
  for await (const e of tarEntries(new ChunkReader(chunked(tar)), [])) {
    names.push(e.name);
    if (e.name === 'huge') await assert.rejects(e.read(100), /exceeds the read limit/);
    else assert.equal((await e.read(100)).toString(), 'n');
  }
  assert.deepEqual(names, ['huge', 'next.txt']);
});

test('an oversized metadata record is refused', async () => {
  const tar = buildTar([
    { name: 'x', type: 'x', content: Buffer.alloc(2 * 1024 * 1024, 0x41) },
    { name: 'a.txt', content: 'a' },
  ]);
  const { out, warnings } = await list(tar);
  assert.equal(out.length, 0);
  assert.equal(warnings[0]!.code, 'TAR_LIMIT');
});

test('archives written by GNU tar (gnu and posix formats) read identically', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pal-tar-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'src');
  mkdirSync(join(src, 'usr/lib'), { recursive: true });
  mkdirSync(join(src, 'x'.repeat(120)), { recursive: true });
  writeFileSync(join(src, 'usr/lib/os-release.txt'), 'ID=debian\n');
  writeFileSync(join(src, 'x'.repeat(120), 'long-name-' + 'y'.repeat(90) + '.txt'), 'long');
  symlinkSync('../usr/lib/os-release.txt', join(src, 'link'));
  linkSync(join(src, 'usr/lib/os-release.txt'), join(src, 'hard.txt'));
  for (const format of ['gnu', 'posix', 'ustar']) {
    if (format === 'ustar') continue; // ustar cannot hold the 200-char name; gnu/posix cover the rest
    const tarFile = join(dir, `${format}.tar`);
    execFileSync('tar', ['--format', format, '--sort=name', '-cf', tarFile, '-C', src, '.']);
    const { readFileSync } = await import('node:fs');
    const { out, warnings } = await list(readFileSync(tarFile));
    assert.deepEqual(warnings, [], format);
    const byName = new Map(out.map((e) => [e.name.replace(/^\.\//, ''), e]));
    // --sort=name puts hard.txt first, so it holds the data and os-release.txt links to it
    assert.equal(byName.get('hard.txt')?.data, 'ID=debian\n', format);
    assert.equal(byName.get('usr/lib/os-release.txt')?.type, 'hardlink', format);
    assert.match(byName.get('usr/lib/os-release.txt')?.link ?? '', /hard\.txt$/, format);
    assert.equal(byName.get('link')?.link, '../usr/lib/os-release.txt', format);
    const longName = `${'x'.repeat(120)}/long-name-${'y'.repeat(90)}.txt`;
    assert.equal(byName.get(longName)?.data, 'long', format);
  }
});
