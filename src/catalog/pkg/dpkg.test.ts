import assert from 'node:assert/strict';
import { test } from 'node:test';
import { debPurl, parseDpkgList, parseDpkgStatus } from './dpkg.js';

const STATUS = `Package: libc6
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 12996
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Depends: libgcc-s1
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: removed-pkg
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0

Package: libgcc-s1
Status: install ok installed
Architecture: amd64
Source: gcc-12 (12.2.0-14)
Version: 12.2.0-14
Pre-Depends: libc6 (>= 2.35)
Depends: gcc-12-base (= 12.2.0-14), libc6 (>= 2.35) | libc6-udeb

Package: noversion
Status: install ok installed
`;

test('dpkg status: installed only, source name and version, depends; missing Version warns', () => {
  const { entries, warnings } = parseDpkgStatus(STATUS);
  assert.deepEqual(
    entries.map((e) => [e.name, e.version, e.sourceName, e.sourceVersion, e.arch]),
    [
      ['libc6', '2.36-9+deb12u4', 'glibc', '2.36-9+deb12u4', 'amd64'],
      ['libgcc-s1', '12.2.0-14', 'gcc-12', '12.2.0-14', 'amd64'],
    ],
  );
  assert.deepEqual(entries[1]!.depends, ['libc6', 'gcc-12-base']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!.message, /noversion/);
});

test('binNMU: source version differs from the binary version', () => {
  const { entries } = parseDpkgStatus(
    'Package: bash\nStatus: install ok installed\nArchitecture: amd64\nSource: bash (5.2.15-2)\nVersion: 5.2.15-2+b2\n',
  );
  assert.deepEqual([entries[0]!.sourceName, entries[0]!.sourceVersion], ['bash', '5.2.15-2']);
  assert.equal(
    debPurl(entries[0]!, { os: { family: 'debian', version: '12.5' } }),
    'pkg:deb/debian/bash@5.2.15-2+b2?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2',
  );
});

test('.list files keep files, drop directories', () => {
  assert.deepEqual(
    parseDpkgList(
      '/.\n/usr\n/usr/bin\n/usr/bin/bash\n/usr/share/doc/bash\n/usr/share/doc/bash/copyright\n/bin/sh\n',
    ),
    ['bin/sh', 'usr/bin/bash', 'usr/share/doc/bash/copyright'],
  );
});
