import { test } from 'node:test';
import { apk } from './apk.js';
import { assertOrder, assertValidity } from './order-table.js';

// apk-tools' test/version.data and the secfixes versions of Alpine's secdb
test('apk: suffixes, letters, revisions', () => {
  assertOrder(apk, [
    ['1.0', '=', '1.0'],
    ['1.0-r1', '>', '1.0-r0'],
    ['1.0-r0', '>', '1.0'],
    ['1.0_alpha', '<', '1.0_beta'],
    ['1.0_beta', '<', '1.0_pre'],
    ['1.0_pre', '<', '1.0_rc'],
    ['1.0_rc1', '<', '1.0'],
    ['1.0', '<', '1.0_cvs'],
    ['1.0_git20200101', '<', '1.0_p1'],
    ['1.0_p1', '<', '1.0_p2'],
    ['1.0_rc1', '<', '1.0_rc2'],
    ['1.0a', '>', '1.0'],
    ['1.0a', '<', '1.0b'],
    ['1.0.1', '>', '1.0a'],
    ['1.2.10', '>', '1.2.9'],
    ['1.01', '<', '1.1'],
    ['1.1', '>', '1.001'],
    ['9.10.4_p8-r1', '>', '9.10.4_p8-r0'],
    ['9.10.4_p8', '>', '9.10.4'],
    ['2.4.41-r0', '>', '2.4.39-r0'],
    ['1.1.1g-r0', '>', '1.1.1d-r3'],
    ['1.1.1d-r3', '<', '1.1.1d-r10'],
    ['1.0_alpha1-r0', '<', '1.0-r0'],
    ['0.4.3', '<', '0.4.3-r1'],
  ]);
});

test('apk: unparsable versions', () => {
  assertValidity(
    apk,
    ['1.0', '1.0_rc1-r3', '9.10.4_p8-r1', '1.1.1g-r0'],
    ['', '1.0-1', 'abc', '1.0_foo', '1..0', '1.0-r'],
  );
});
