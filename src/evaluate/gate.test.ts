import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../core/types.js';
import { gateFailures, parseFailOn } from './gate.js';

const v = (
  id: string,
  severity: Finding['severity'],
  extra: Partial<Extract<Finding, { kind: 'vulnerability' }>> = {},
): Finding => ({
  kind: 'vulnerability',
  id,
  title: 't',
  severity,
  pkg: { name: 'p', version: '1', purl: 'pkg:npm/p@1', ecosystem: 'npm' },
  status: 'affected',
  ...extra,
});
const findings: Finding[] = [
  v('CVE-crit-nofix', 'critical'),
  v('CVE-high-fix', 'high', { fixedVersions: ['2'] }),
  v('CVE-low-kev', 'low', { kev: true }),
  v('CVE-med-wontfix', 'medium', { status: 'will_not_fix' }),
  {
    kind: 'secret',
    id: 'aws-access-key-id',
    title: 't',
    severity: 'critical',
    category: 'aws',
    match: 'AKIA****',
  },
  { kind: 'misconfig', id: 'PAL-DF-001', checkId: 'PAL-DF-001', title: 't', severity: 'high' },
];
const ids = (spec: string) => gateFailures(parseFailOn(spec), findings).map((f) => f.finding.id);

test('--fail-on grammar: severities are minimums, "-" is all of, "," is any of', () => {
  assert.deepEqual(ids('critical'), ['CVE-crit-nofix', 'aws-access-key-id']);
  assert.deepEqual(ids('high'), ['CVE-crit-nofix', 'CVE-high-fix', 'aws-access-key-id', 'PAL-DF-001']);
  assert.deepEqual(ids('kev'), ['CVE-low-kev']);
  assert.deepEqual(ids('fixable-high'), ['CVE-high-fix']);
  assert.deepEqual(ids('fixable-critical'), []);
  assert.deepEqual(ids('kev,fixable-high'), ['CVE-high-fix', 'CVE-low-kev']);
  assert.deepEqual(ids('secret'), ['aws-access-key-id']);
  assert.deepEqual(ids('vuln-critical, misconfig-high'), ['CVE-crit-nofix', 'PAL-DF-001']);
  assert.deepEqual(ids('any').length, findings.length);
  assert.deepEqual(ids('unknown').length, findings.length);
  assert.equal(gateFailures(parseFailOn('KEV'), findings)[0]!.term, 'kev');
});

test('--fail-on errors name the word and show the grammar', () => {
  assert.throws(
    () => parseFailOn('criticl'),
    /--fail-on "criticl": unknown word "criticl"; use critical, high/,
  );
  assert.throws(() => parseFailOn('high-'), /unknown word ""/);
  assert.throws(() => parseFailOn(' , '), /empty policy/);
});
