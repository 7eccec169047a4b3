import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apkPurl, parseApkInstalled } from './apk.js';

const DB = `C:Q1abc=
P:musl
V:1.2.4-r2
A:x86_64
S:383152
I:622592
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1695135697
c:0bb3a3d2
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755
Z:Q1abc=
R:libc.musl-x86_64.so.1

P:libcrypto3
V:3.1.4-r1
A:x86_64
L:Apache-2.0
o:openssl
D:so:libc.musl-x86_64.so.1 !conflict
F:usr/lib
R:libcrypto.so.3

P:broken
A:x86_64
`;

test('apk installed db: name, version, origin, license, files, depends; records without a version warn', () => {
  const { entries, warnings } = parseApkInstalled(DB);
  assert.equal(entries.length, 2);
  assert.deepEqual(entries[0], {
    name: 'musl',
    version: '1.2.4-r2',
    arch: 'x86_64',
    license: 'MIT',
    origin: 'musl',
    maintainer: 'Timo Teräs <timo.teras@iki.fi>',
    files: ['lib/ld-musl-x86_64.so.1', 'lib/libc.musl-x86_64.so.1'],
  });
  assert.equal(entries[1]!.origin, 'openssl');
  assert.deepEqual(entries[1]!.depends, ['so:libc.musl-x86_64.so.1']);
  assert.equal(warnings[0]!.code, 'APK_NO_VERSION');
  assert.equal(
    apkPurl(entries[1]!, { os: { family: 'alpine', version: '3.19.1' } }),
    'pkg:apk/alpine/libcrypto3@3.1.4-r1?arch=x86_64&distro=alpine-3.19.1&upstream=openssl',
  );
});
