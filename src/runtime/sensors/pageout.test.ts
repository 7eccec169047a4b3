import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilerMappings, pageOutCompilerPages } from './pageout.js';

// excerpt of /proc/PID/maps of bpftrace 0.17 on Debian 12
const MAPS = `55e3a4034000-55e3a4055000 r--p 00000000 00:24 1234 /usr/bin/bpftrace
7f7401200000-7f7407362000 r-xp 00000000 00:24 2001 /usr/lib/x86_64-linux-gnu/libLLVM-14.so.1
7f7407363000-7f7407ad7000 r--p 06163000 00:24 2001 /usr/lib/x86_64-linux-gnu/libLLVM-14.so.1
7f7407c00000-7f7409712000 r-xp 00000000 00:24 2002 /usr/lib/x86_64-linux-gnu/libclang-14.so.14.0.6
7f7409800000-7f7409900000 r-xp 00000000 00:24 2003 /usr/lib/x86_64-linux-gnu/libclang-cpp.so.14
7f7401044000-7f740119a000 r-xp 00028000 00:24 3001 /usr/lib/x86_64-linux-gnu/libc.so.6
7f73f4000000-7f73f4a04000 rw-p 00000000 00:00 0
7f740a000000-7f740a001000 r--p 00000000 00:24 4001 /opt/libLLVMish/libfoo.so
7ffda7f22000-7ffda7f43000 rw-p 00000000 00:00 0 [stack]
`;

test('compilerMappings picks the LLVM and clang libraries only', () => {
  assert.deepEqual(compilerMappings(MAPS), [
    { start: '7f7401200000', end: '7f7407362000' },
    { start: '7f7407363000', end: '7f7407ad7000' },
    { start: '7f7407c00000', end: '7f7409712000' },
    { start: '7f7409800000', end: '7f7409900000' },
  ]);
  assert.deepEqual(compilerMappings(''), []);
});

test('pageOutCompilerPages says why when there is nothing to release', () => {
  const r = pageOutCompilerPages(process.pid);
  assert.equal(r.released, false);
  if (!r.released) assert.match(r.reason, /no LLVM\/clang mappings|unsupported platform/);
  const gone = pageOutCompilerPages(2 ** 22 + 7);
  assert.equal(gone.released, false);
  if (!gone.released) assert.match(gone.reason, /cannot read \/proc|unsupported platform/);
});
