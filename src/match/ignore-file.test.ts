import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, Warning } from '../core/types.js';
import { ignoreFileSuppressor, parseIgnoreFile, pathGlob } from './ignore-file.js';

const vuln = (id: string, purl: string, path = 'app/node_modules/x/package.json'): Finding => ({
  kind: 'vulnerability',
  id,
  aliases: ['CVE-2020-0001'],
  title: 't',
  severity: 'high',
  pkg: { name: 'x', version: '1.0.0', purl, ecosystem: 'npm' },
  status: 'affected',
  location: { path },
});
const secret: Finding = {
  kind: 'secret',
  id: 'github-pat',
  title: 't',
  severity: 'critical',
  category: 'github',
  match: 'ghp_****',
  location: { path: 'usr/share/doc/tool/example.env', line: 3 },
};
const check: Finding = {
  kind: 'misconfig',
  id: 'PAL-K8S-012',
  checkId: 'PAL-K8S-012',
  title: 't',
  severity: 'medium',
  location: { path: 'charts/web/templates/deploy.yaml' },
};

test('entries by id (or alias), purl (versionless covers every version), path glob, check, kind', () => {
  const file = parseIgnoreFile(
    `
- id: GHSA-aaaa-bbbb-cccc
  reason: not reachable
- id: CVE-2020-0001
  purl: pkg:npm/only-this
  reason: alias plus purl
- purl: pkg:npm/lodash
  reason: every lodash
- path: "usr/share/doc/**"
  kind: secret
  reason: upstream examples
- check: PAL-K8S-012
  path: charts/**
  reason: the CNI needs it
`,
    '.palisadeignore',
  );
  const s = ignoreFileSuppressor(file);
  assert.equal(s.match(vuln('GHSA-aaaa-bbbb-cccc', 'pkg:npm/x@1.0.0'))?.reason, 'not reachable');
  assert.equal(s.match(vuln('GHSA-zzzz-zzzz-zzzz', 'pkg:npm/only-this@2.0.0'))?.reason, 'alias plus purl');
  assert.equal(s.match(vuln('GHSA-zzzz-zzzz-zzzz', 'pkg:npm/other@2.0.0')), undefined);
  assert.equal(s.match(vuln('GHSA-1', 'pkg:npm/lodash@4.17.21'))?.reason, 'every lodash');
  assert.equal(s.match(vuln('GHSA-1', 'pkg:npm/lodash-es@4.17.21')), undefined);
  assert.equal(s.match(secret)?.reason, 'upstream examples');
  assert.equal(s.match({ ...secret, location: { path: 'app/.env' } }), undefined);
  assert.equal(s.match(check)?.reason, 'the CNI needs it');
  assert.equal(s.match({ ...check, location: { path: 'k8s/deploy.yaml' } }), undefined);
  assert.equal(s.match(check)?.source, '.palisadeignore:12');
});

test('an expired entry stops applying, with a warning naming the file, line and date', () => {
  const warnings: Warning[] = [];
  const file = parseIgnoreFile(
    'ignore:\n  - id: GHSA-x\n    reason: r\n    expires: 2024-01-31\n  - id: GHSA-y\n    reason: r\n    expires: 2024-02-01\n',
    'ign.yaml',
  );
  const s = ignoreFileSuppressor(file, { now: new Date('2024-02-01T10:00:00Z'), warnings });
  assert.equal(s.match(vuln('GHSA-x', 'pkg:npm/x@1')), undefined);
  assert.equal(s.match(vuln('GHSA-y', 'pkg:npm/x@1'))?.expires, '2024-02-01', 'applies through its last day');
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0]!.message,
    /^ign\.yaml:2: ignore entry for GHSA-x expired on 2024-01-31; it no longer applies$/,
  );
});

test('bad files fail with one line naming the file and line', () => {
  const bad = (text: string, re: RegExp) => assert.throws(() => parseIgnoreFile(text, 'f.yaml'), re);
  bad('- id: CVE-1\n', /^PalisadeError: f\.yaml:1: "reason" is required/);
  bad('- reason: why\n', /f\.yaml:1: an entry needs at least one of id, check, purl, path/);
  bad('- id: X\n  reason: r\n  expires: soon\n', /f\.yaml:1: expires "soon" is not a date/);
  bad('- id: X\n  reason: r\n  severity: low\n', /unknown key "severity"/);
  bad('- purl: lodash\n  reason: r\n', /not a package URL/);
  bad('- id: [\n', /f\.yaml:\d+: not valid YAML/);
  bad('rules: []\n', /unknown top-level key "rules"/);
  bad(
    'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    /f\.yaml/,
  );
  assert.deepEqual(parseIgnoreFile('', 'f.yaml').entries, []);
  assert.deepEqual(parseIgnoreFile('# nothing yet\n', 'f.yaml').entries, []);
});

test('path globs: ** spans segments, * stays in one, a bare name matches anywhere; no blow-up', () => {
  assert.ok(pathGlob('usr/share/doc/**', 'usr/share/doc/a/b/c.txt'));
  assert.ok(pathGlob('**/test/*.pem', 'opt/app/test/key.pem'));
  assert.ok(!pathGlob('**/test/*.pem', 'opt/app/test/sub/key.pem'));
  assert.ok(pathGlob('app/*.env', 'app/.env'));
  assert.ok(!pathGlob('app/*.env', 'app/x/y.env'));
  assert.ok(pathGlob('*.pem', 'etc/ssl/private/server.pem'));
  assert.ok(!pathGlob('**/**/**/**/**/**/**/**/x', `${'a/'.repeat(2000)}y`));
});
