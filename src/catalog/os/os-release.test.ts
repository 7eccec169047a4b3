import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectOs, parseOsRelease } from './os-release.js';
import { osEndOfLife } from './eol.js';

test('parseOsRelease handles quoting, escapes and comments', () => {
  assert.deepEqual(parseOsRelease('# c\nID=debian\nPRETTY_NAME="Debian \\"x\\" 12"\nNAME=\'Deb\'\n\nBAD\n'), {
    ID: 'debian',
    PRETTY_NAME: 'Debian "x" 12',
    NAME: 'Deb',
  });
});

test('Debian: point release from debian_version, codename from os-release or the version', () => {
  const os = detectOs(
    new Map([
      ['usr/lib/os-release', 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n'],
      ['etc/debian_version', '12.5\n'],
    ]),
  );
  assert.deepEqual(
    { ...os, eol: undefined },
    { family: 'debian', version: '12.5', codename: 'bookworm', eol: undefined },
  );
  const old = detectOs(new Map([['etc/debian_version', '10.13\n']]));
  assert.equal(old?.codename, 'buster');
  assert.equal(old?.eol, true);
  const sid = detectOs(
    new Map([
      ['etc/os-release', 'ID=debian\nPRETTY_NAME="Debian GNU/Linux trixie/sid"\n'],
      ['etc/debian_version', 'trixie/sid\n'],
    ]),
  );
  assert.equal(sid?.codename, 'trixie');
  assert.equal(sid?.version, '');
});

test('Alpine, Ubuntu, CentOS without os-release, lsb-release fallback', () => {
  assert.deepEqual(detectOs(new Map([['etc/alpine-release', '3.19.1\n']]))?.version, '3.19.1');
  const alp = detectOs(
    new Map([
      ['etc/os-release', 'ID=alpine\nVERSION_ID=3.18.4\n'],
      ['etc/alpine-release', '3.18.4\n'],
    ]),
  );
  assert.equal(alp?.family, 'alpine');
  const ub = detectOs(
    new Map([
      ['etc/os-release', 'ID=ubuntu\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\n'],
      ['etc/debian_version', 'bookworm/sid\n'],
    ]),
  );
  assert.deepEqual([ub?.family, ub?.version, ub?.codename], ['ubuntu', '22.04', 'jammy']);
  const c7 = detectOs(new Map([['etc/centos-release', 'CentOS Linux release 7.9.2009 (Core)\n']]));
  assert.deepEqual([c7?.family, c7?.version, c7?.eol], ['centos', '7.9.2009', true]);
  const lsb = detectOs(
    new Map([['etc/lsb-release', 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\n']]),
  );
  assert.deepEqual([lsb?.family, lsb?.version, lsb?.codename], ['ubuntu', '20.04', 'focal']);
  assert.equal(detectOs(new Map()), undefined);
});

test('end of life by vendor dates', () => {
  const at = new Date('2026-11-27');
  assert.equal(osEndOfLife({ family: 'debian', version: '11.9' }, at), true);
  assert.equal(osEndOfLife({ family: 'debian', version: '12' }, at), false);
  assert.equal(osEndOfLife({ family: 'alpine', version: '3.21.2' }, at), true);
  assert.equal(osEndOfLife({ family: 'alpine', version: '3.22.0' }, at), false);
  assert.equal(osEndOfLife({ family: 'plan9', version: '4' }, at), undefined);
});
