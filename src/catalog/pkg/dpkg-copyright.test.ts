import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileResult } from '../analyzer.js';
import type { Package } from '../../core/types.js';
import { analyzeBuffer } from '../testutil.js';
import {
  attachDebLicenses,
  dep5License,
  dpkgCopyright,
  freeTextLicenses,
  parseCopyright,
} from './dpkg-copyright.js';

test('DEP-5 short names → SPDX: or-later, comma precedence, exceptions, unknown names as refs', () => {
  assert.equal(dep5License('GPL-2+'), 'GPL-2.0-or-later');
  assert.equal(dep5License('LGPL-2.1'), 'LGPL-2.1-only');
  assert.equal(dep5License('Expat'), 'MIT');
  assert.equal(dep5License('BSD-3-clause'), 'BSD-3-Clause');
  assert.equal(
    dep5License('GPL-2+ or Artistic-2.0, and BSD-3-clause'),
    '(GPL-2.0-or-later OR Artistic-2.0) AND BSD-3-Clause',
  );
  assert.equal(dep5License('GPL-3+ with Bison exception'), 'GPL-3.0-or-later WITH Bison-exception-2.2');
  assert.equal(dep5License('GPL-3+ with autoconf exception'), 'GPL-3.0-or-later WITH Autoconf-exception-3.0');
  assert.equal(dep5License('GPL-2+ with OpenSSL exception'), 'LicenseRef-GPL-2-with-OpenSSL-exception');
  assert.equal(dep5License('public-domain'), 'LicenseRef-Public-Domain');
  assert.equal(dep5License('permissive'), 'LicenseRef-permissive');
});

test('DEP-5 file: header and Files paragraphs, not debian/* nor stand-alone license texts', () => {
  const text = [
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
    'Upstream-Name: demo',
    'License: GPL-2+',
    '',
    'Files: *',
    'Copyright: 2020 Someone',
    'License: GPL-2+',
    ' This program is free software …',
    '',
    'Files: lib/compat/*.c',
    '  lib/other.c',
    'Copyright: 2001 Someone Else',
    'License: Expat or Apache-2.0',
    '',
    'Files: debian/*',
    'Copyright: 2021 Packager',
    'License: BSD-2-clause',
    '',
    'License: Apache-2.0',
    ' Licensed under the Apache License …',
    '',
  ].join('\n');
  assert.deepEqual(parseCopyright(text), {
    format: 'dep5',
    licenses: ['GPL-2.0-or-later', 'MIT OR Apache-2.0'],
  });
});

test('free-text copyright: common-licenses references, versions and "or later" from the notice before each', () => {
  const glibcLike = `Copyright (C) 1991-2023 Free Software Foundation, Inc.

    The GNU C Library is free software; you can redistribute it and/or
    modify it under the terms of the GNU Lesser General Public
    License as published by the Free Software Foundation; either
    version 2.1 of the License, or (at your option) any later version.

On Debian systems, the complete text of the GNU Lesser General Public
License can be found in \`/usr/share/common-licenses/LGPL-2.1'.

Some utilities are distributed under the terms of the GNU General Public
License, version 2 only.

The complete text is in \`/usr/share/common-licenses/GPL-2'.

Parts are under the GNU General Public License as published by the Free
Software Foundation; either version 3 of the License, or (at your option) any later version.
It is in /usr/share/common-licenses/GPL.
The Apache license is in /usr/share/common-licenses/Apache-2.0.
See /usr/share/common-licenses/ for the rest.
`;
  assert.deepEqual(parseCopyright(glibcLike), {
    format: 'free-text',
    licenses: ['LGPL-2.1-or-later', 'GPL-2.0-only', 'GPL-3.0-or-later', 'Apache-2.0'],
  });
  // an unversioned reference whose notice names no version says nothing
  assert.deepEqual(freeTextLicenses('Licensed under the GPL; see /usr/share/common-licenses/GPL.'), []);
  assert.deepEqual(freeTextLicenses('no references at all'), []);
});

test('dpkg-copyright analyzer: copyright files and doc-dir symlinks only; attach follows links', async () => {
  const info = (path: string, type: 'file' | 'symlink' | 'dir', linkname?: string) => ({
    path,
    type,
    size: 0,
    mode: 0o644,
    uid: 0,
    gid: 0,
    ...(linkname ? { linkname } : {}),
  });
  const req = (path: string, type: 'file' | 'symlink' | 'dir' = 'file') =>
    dpkgCopyright.required(path, info(path, type));
  assert.ok(req('usr/share/doc/bash/copyright'));
  assert.ok(req('usr/share/doc/libstdc++6', 'symlink'));
  assert.ok(!req('usr/share/doc/bash/copyright.gz'));
  assert.ok(!req('usr/share/doc/bash/examples/copyright'));
  assert.ok(!req('usr/share/doc/bash', 'dir'));
  assert.ok(!req('usr/local/share/doc/x/copyright'));

  const file = await analyzeBuffer(
    dpkgCopyright,
    'usr/share/doc/gcc-12-base/copyright',
    'Format: x\n\nFiles: *\nCopyright: 1\nLicense: GPL-3+\n',
  );
  const link = await dpkgCopyright.analyze({
    path: 'usr/share/doc/libstdc++6',
    info: info('usr/share/doc/libstdc++6', 'symlink', 'gcc-12-base'),
    read: async () => Buffer.alloc(0),
    ctx: { mode: 'image', layerIndex: 0, options: {} },
  });
  const escape = await dpkgCopyright.analyze({
    path: 'usr/share/doc/evil',
    info: info('usr/share/doc/evil', 'symlink', '../../../etc'),
    read: async () => Buffer.alloc(0),
    ctx: { mode: 'image', layerIndex: 0, options: {} },
  });
  assert.equal(escape, undefined);
  const results: FileResult[] = [
    { path: 'usr/share/doc/gcc-12-base/copyright', layerIndex: 0, result: file },
    { path: 'usr/share/doc/libstdc++6', layerIndex: 0, result: link! },
    {
      path: 'usr/share/doc/gone/copyright',
      layerIndex: 0,
      hiddenInLayer: 1,
      result: { data: { doc: 'gone', format: 'dep5', licenses: ['MIT'] } },
    },
  ];
  const deb = (name: string, extra: Partial<Package> = {}): Package => ({
    name,
    version: '1',
    ecosystem: 'deb',
    purl: `pkg:deb/debian/${name}@1`,
    locations: [{ path: 'var/lib/dpkg/status' }],
    foundBy: 'dpkg',
    ...extra,
  });
  const pkgs = [deb('libstdc++6'), deb('gcc-12-base'), deb('gone'), deb('kept', { licenses: ['X11'] })];
  attachDebLicenses(pkgs, results);
  assert.deepEqual(
    pkgs.map((p) => p.licenses),
    [['GPL-3.0-or-later'], ['GPL-3.0-or-later'], undefined, ['X11']],
  );
  assert.deepEqual(pkgs[0]!.metadata?.copyright, {
    path: 'usr/share/doc/gcc-12-base/copyright',
    format: 'dep5',
  });
});
