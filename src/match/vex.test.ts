import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Artifact, Finding } from '../core/types.js';
import { parseVex, vexSuppressor } from './vex.js';

const artifact: Artifact = {
  name: 'registry.example.com/team/app:1.2',
  type: 'container-image',
  digest: 'sha256:' + 'a'.repeat(64),
  layers: [],
};
const vuln = (id: string, purl: string, aliases: string[] = []): Finding => ({
  kind: 'vulnerability',
  id,
  aliases,
  title: 't',
  severity: 'high',
  pkg: { name: 'x', version: '1', purl, ecosystem: 'deb' },
  status: 'affected',
});

test('OpenVEX v0.2: product purl, image + subcomponents, aliases, justification kept, latest wins', () => {
  const doc = parseVex(
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'x',
      author: 'sec',
      timestamp: '2024-01-01T00:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2023-1', aliases: ['GHSA-1111-2222-3333'] },
          products: [{ '@id': 'pkg:deb/debian/zlib1g' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: 'minizip is not used',
        },
        {
          vulnerability: { name: 'CVE-2023-2' },
          products: [
            {
              '@id': `pkg:oci/app@${artifact.digest}`,
              subcomponents: [{ '@id': 'pkg:deb/debian/libssl3?arch=amd64' }],
            },
          ],
          status: 'fixed',
          action_statement: 'patched in our base',
        },
        {
          vulnerability: { name: 'CVE-2023-3' },
          products: [{ '@id': 'pkg:npm/a@1.0.0' }],
          status: 'not_affected',
          justification: 'component_not_present',
          timestamp: '2024-01-01T00:00:00Z',
        },
        {
          vulnerability: { name: 'CVE-2023-3' },
          products: [{ '@id': 'pkg:npm/a@1.0.0' }],
          status: 'affected',
          timestamp: '2024-03-01T00:00:00Z',
        },
      ],
    }),
    'team.vex.json',
  );
  assert.equal(doc.format, 'openvex');
  assert.deepEqual(doc.warnings, []);
  const s = vexSuppressor([doc], artifact);
  assert.deepEqual(
    s.match(vuln('GHSA-1111-2222-3333', 'pkg:deb/debian/zlib1g@1.2?arch=amd64', ['CVE-2023-1'])),
    {
      status: 'not_affected',
      source: 'team.vex.json: statement 1',
      justification: 'vulnerable_code_not_in_execute_path',
      reason: 'minizip is not used',
    },
  );
  assert.equal(s.match(vuln('CVE-2023-1', 'pkg:deb/debian/zlib1g-dev@1.2')), undefined, 'another package');
  assert.equal(s.match(vuln('CVE-2023-9', 'pkg:deb/debian/zlib1g@1.2')), undefined, 'another vulnerability');
  assert.equal(s.match(vuln('CVE-2023-2', 'pkg:deb/debian/libssl3@3?arch=amd64'))?.status, 'fixed');
  assert.equal(
    s.match(vuln('CVE-2023-2', 'pkg:deb/debian/libssl3@3?arch=arm64')),
    undefined,
    'qualifier differs',
  );
  assert.equal(
    vexSuppressor([doc], { ...artifact, digest: 'sha256:' + 'b'.repeat(64) }).match(
      vuln('CVE-2023-2', 'pkg:deb/debian/libssl3@3?arch=amd64'),
    ),
    undefined,
    'another image',
  );
  assert.equal(
    s.match(vuln('CVE-2023-3', 'pkg:npm/a@1.0.0')),
    undefined,
    'a later "affected" statement wins',
  );
});

test('OpenVEX v0.0.1 (string vulnerability and products) and invalid statements', () => {
  const doc = parseVex(
    JSON.stringify({
      '@context': 'https://openvex.dev/ns',
      statements: [
        {
          vulnerability: 'CVE-2022-1',
          products: ['pkg:apk/alpine/busybox'],
          status: 'not_affected',
          justification: 'vulnerable_code_not_present',
        },
        { vulnerability: 'CVE-2022-2', products: ['pkg:apk/alpine/busybox'], status: 'bogus' },
        { vulnerability: 'CVE-2022-3', products: ['pkg:apk/alpine/busybox'], status: 'not_affected' },
      ],
    }),
    'old.json',
  );
  assert.equal(doc.statements.length, 2);
  assert.equal(doc.warnings.length, 2);
  assert.match(doc.warnings[0]!.message, /old\.json: statement 2: needs a vulnerability, a status/);
  assert.match(doc.warnings[1]!.message, /statement 3: not_affected without a justification/);
  assert.equal(
    vexSuppressor([doc]).match(vuln('CVE-2022-1', 'pkg:apk/alpine/busybox@1.36.1-r15'))?.justification,
    'vulnerable_code_not_present',
  );
});

test('CycloneDX VEX: analysis state, BOM-Link and bom-ref refs resolved to purls', () => {
  const doc = parseVex(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [{ type: 'library', name: 'lodash', 'bom-ref': 'comp-1', purl: 'pkg:npm/lodash@4.17.15' }],
      vulnerabilities: [
        {
          id: 'GHSA-p6mc-m468-83gw',
          analysis: {
            state: 'not_affected',
            justification: 'code_not_reachable',
            detail: 'zipObjectDeep is never called',
          },
          affects: [{ ref: 'comp-1' }],
        },
        {
          id: 'CVE-2021-44906',
          analysis: { state: 'resolved', response: ['update'] },
          affects: [{ ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg%3Anpm%2Fminimist%401.2.0' }],
        },
        { id: 'CVE-2024-1', analysis: { state: 'in_triage' }, affects: [{ ref: 'comp-1' }] },
        { id: 'CVE-2024-2', ratings: [] },
      ],
    }),
    'bom.vex.json',
  );
  assert.equal(doc.format, 'cyclonedx');
  assert.equal(doc.statements.length, 3);
  const s = vexSuppressor([doc]);
  assert.deepEqual(s.match(vuln('GHSA-p6mc-m468-83gw', 'pkg:npm/lodash@4.17.15')), {
    status: 'not_affected',
    source: 'bom.vex.json: vulnerability 1',
    justification: 'code_not_reachable',
    reason: 'zipObjectDeep is never called',
  });
  assert.equal(
    s.match(vuln('GHSA-xvch-5gv4-984h', 'pkg:npm/minimist@1.2.0', ['CVE-2021-44906']))?.status,
    'fixed',
  );
  assert.equal(
    s.match(vuln('CVE-2024-1', 'pkg:npm/lodash@4.17.15')),
    undefined,
    'in_triage leaves it reported',
  );
});

test('not VEX at all: one line naming the file', () => {
  assert.throws(
    () => parseVex('{"spdxVersion":"SPDX-2.3"}', 'x.json'),
    /^PalisadeError: x\.json: neither OpenVEX/,
  );
  assert.throws(() => parseVex('nope', 'x.json'), /x\.json: not JSON/);
});
