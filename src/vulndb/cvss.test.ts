import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cvssSeverity, scoreCvss } from './cvss.js';

// scores from FIRST's calculators for the specification examples
test('cvss: v2, v3.0, v3.1 and v4.0 base scores', () => {
  assert.deepEqual(scoreCvss('AV:N/AC:L/Au:N/C:P/I:P/A:P'), {
    version: '2.0',
    vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    score: 7.5,
  });
  assert.equal(scoreCvss('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N')?.score, 6.5);
  assert.equal(scoreCvss('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H')?.score, 7.4);
  assert.equal(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')?.score, 10);
  assert.equal(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')?.score, 9.3);
  assert.equal(scoreCvss('CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')?.score, 8.5);
});

test('cvss: malformed vectors are undefined, not a crash', () => {
  assert.equal(scoreCvss('garbage'), undefined);
  assert.equal(scoreCvss('CVSS:3.1/AV:X'), undefined);
  assert.equal(scoreCvss(''), undefined);
});

test('cvss: qualitative ratings', () => {
  assert.equal(cvssSeverity(9.8, '3.1'), 'critical');
  assert.equal(cvssSeverity(7.4, '3.1'), 'high');
  assert.equal(cvssSeverity(10, '2.0'), 'high');
  assert.equal(cvssSeverity(0, '3.1'), 'unknown');
});
