import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FileResult } from '../../analyzer.js';
import { analyzeBuffer } from '../../testutil.js';
import { goBinary, parseModInfo, readGoBuildInfoStrings } from './binary.js';
import { goMod } from './go-mod.js';

const MODINFO =
  '0w\xaf\x0c\x92t\x08\x02A\xe1\xc1\x07\xe6\xd6\x18\xe6' +
  'path\texample.com/app/cmd/app\nmod\texample.com/app\tv1.0.0\th1:abc=\n' +
  'dep\tgithub.com/a/b\tv1.2.3\th1:x=\ndep\tgolang.org/x/net\tv0.1.0\th1:y=\n=>\tgithub.com/fork/net\tv0.1.1\th1:z=\n' +
  'dep\texample.com/local\tv0.0.0\n=>\t../local\t\n' +
  'build\tGOOS=linux\nbuild\tvcs.revision=abc123\n' +
  '\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2';

/** A minimal ELF64 with one PT_LOAD and Go < 1.18 build info: two pointers to Go string headers. */
function oldFormatElf(version: string, mod: string): Buffer {
  const b = Buffer.alloc(0x2000);
  const base = 0x400000;
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; // 64-bit
  b[5] = 1; // little-endian
  b.writeBigUInt64LE(64n, 0x20); // phoff
  b.writeUInt16LE(56, 0x36);
  b.writeUInt16LE(1, 0x38); // phnum
  b.writeUInt32LE(1, 64); // PT_LOAD
  b.writeBigUInt64LE(0n, 64 + 8);
  b.writeBigUInt64LE(BigInt(base), 64 + 16);
  b.writeBigUInt64LE(BigInt(b.length), 64 + 32);
  b.write('\xff Go buildinf:', 0x200, 'latin1');
  b[0x20e] = 8;
  b[0x20f] = 0;
  b.writeBigUInt64LE(BigInt(base + 0x300), 0x210);
  b.writeBigUInt64LE(BigInt(base + 0x310), 0x218);
  const v = Buffer.from(version);
  const m = Buffer.from(mod, 'latin1');
  b.writeBigUInt64LE(BigInt(base + 0x400), 0x300);
  b.writeBigUInt64LE(BigInt(v.length), 0x308);
  b.writeBigUInt64LE(BigInt(base + 0x500), 0x310);
  b.writeBigUInt64LE(BigInt(m.length), 0x318);
  v.copy(b, 0x400);
  m.copy(b, 0x500);
  return b;
}

test('go build info, old pointer format (Go < 1.18): modules, replacements, stdlib', async () => {
  const r = await analyzeBuffer(
    goBinary,
    'usr/local/bin/app',
    oldFormatElf('go1.16.15', MODINFO),
    'image',
    {},
    0o755,
  );
  assert.deepEqual(
    r.packages!.map((p) => p.purl),
    [
      'pkg:golang/example.com/app@v1.0.0',
      'pkg:golang/github.com/a/b@v1.2.3',
      'pkg:golang/github.com/fork/net@v0.1.1',
      'pkg:golang/example.com/local@v0.0.0',
      'pkg:golang/stdlib@1.16.15',
    ],
  );
  const fork = r.packages!.find((p) => p.name === 'github.com/fork/net')!;
  assert.equal(fork.metadata!.replaces, 'golang.org/x/net@v0.1.0');
  assert.equal(r.packages!.find((p) => p.name === 'example.com/local')!.metadata!.replacedBy, '../local');
  assert.equal(r.packages![0]!.metadata!.mainModule, true);
  assert.deepEqual(r.packages![0]!.metadata!.buildSettings, { GOOS: 'linux', 'vcs.revision': 'abc123' });
});

test('go build info, inline format (Go ≥ 1.18) and a truncated file', () => {
  const b = Buffer.alloc(0x1000);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2;
  b[5] = 1;
  const at = 0x100;
  b.write('\xff Go buildinf:', at, 'latin1');
  b[at + 14] = 8;
  b[at + 15] = 2;
  const v = Buffer.from('go1.22.1');
  const m = Buffer.from(MODINFO, 'latin1');
  let o = at + 32;
  b[o++] = v.length;
  v.copy(b, o);
  o += v.length;
  b[o++] = (m.length & 0x7f) | 0x80;
  b[o++] = m.length >> 7;
  m.copy(b, o);
  const s = readGoBuildInfoStrings(b)!;
  assert.equal(s[0], 'go1.22.1');
  const info = parseModInfo(s[0], s[1]);
  assert.equal(info.deps.length, 3);
  assert.equal(info.path, 'example.com/app/cmd/app');
  assert.equal(readGoBuildInfoStrings(b.subarray(0, at + 40)), undefined);
  assert.equal(readGoBuildInfoStrings(Buffer.from('#!/bin/sh\necho hi\n'.repeat(100))), undefined);
});

test('go build info without the header: sentinel-wrapped modinfo and the runtime version string', () => {
  const b = Buffer.alloc(0x1000);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2;
  b[5] = 1;
  b.write('\0go1.26.5\0', 0x80, 'latin1');
  b.write(MODINFO, 0x200, 'latin1');
  const [v, mod] = readGoBuildInfoStrings(b)!;
  assert.equal(v, 'go1.26.5');
  assert.equal(parseModInfo(v, mod).deps.length, 3);
});

test('go.mod (≥ 1.17) with replace; go.sum fills in for older modules', async () => {
  const mod = `module example.com/app

go 1.21

require (
\tgithub.com/a/b v1.2.3
\tgolang.org/x/net v0.1.0 // indirect
)

require example.com/local v0.0.0

replace golang.org/x/net => github.com/fork/net v0.1.1
replace example.com/local => ../local
`;
  const sum =
    'github.com/a/b v1.2.3 h1:x=\ngithub.com/a/b v1.2.3/go.mod h1:y=\ngithub.com/extra/only v1.0.0 h1:z=\n';
  const run = async (m: string) => {
    const results: FileResult[] = [];
    for (const [p, t] of [
      ['src/go.mod', m],
      ['src/go.sum', sum],
    ] as const)
      results.push({ path: p, layerIndex: 0, result: await analyzeBuffer(goMod, p, t, 'fs') });
    return goMod
      .finalize(results)
      .packages!.map((p) => p.purl)
      .sort();
  };
  assert.deepEqual(await run(mod), [
    'pkg:golang/example.com/local@v0.0.0',
    'pkg:golang/github.com/a/b@v1.2.3',
    'pkg:golang/github.com/fork/net@v0.1.1',
  ]);
  assert.deepEqual(await run(mod.replace('go 1.21', 'go 1.16')), [
    'pkg:golang/example.com/local@v0.0.0',
    'pkg:golang/github.com/a/b@v1.2.3',
    'pkg:golang/github.com/extra/only@v1.0.0',
    'pkg:golang/github.com/fork/net@v0.1.1',
  ]);
});

test('esbuild binary from npm (real third-party Go binary in node_modules)', async (t) => {
  let bin: Buffer;
  try {
    bin = readFileSync(
      fileURLToPath(new URL('../../../../node_modules/@esbuild/linux-x64/bin/esbuild', import.meta.url)),
    );
  } catch {
    t.skip('@esbuild/linux-x64 is not installed (non-x64 host)');
    return;
  }
  const r = await analyzeBuffer(goBinary, 'usr/bin/esbuild', bin, 'image', {}, 0o755);
  const names = r.packages!.map((p) => p.name);
  assert.ok(names.includes('github.com/evanw/esbuild'));
  assert.ok(names.includes('golang.org/x/sys'));
  assert.ok(names.includes('stdlib'));
});
