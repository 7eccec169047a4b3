import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPORT_SCHEMA_VERSION, type Report } from '../../core/types.js';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-cli-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN apk add curl\n');
  writeFileSync(
    join(dir, 'pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: app}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: {privileged: true}\n',
  );
  return dir;
}

describe('palisade config', () => {
  it('writes a JSON report with misconfig findings; exits 0 without --exit-code', async () => {
    const dir = fixture();
    const io = captureIO();
    assert.equal(await main(['config', dir, '--format', 'json'], io), 0);
    const report = JSON.parse(io.out()) as Report;
    assert.equal(report.schemaVersion, REPORT_SCHEMA_VERSION);
    assert.equal(report.artifact.type, 'config');
    assert.ok(report.findings.every((f) => f.kind === 'misconfig'));
    const priv = report.findings.find((f) => f.id === 'PAL-K8S-001')!;
    assert.deepEqual(priv.location, { path: join(dir, 'pod.yaml'), line: 8, column: 25 });
    assert.ok(report.findings.some((f) => f.id === 'PAL-DF-011' && f.location?.line === 2));
  });

  it('--severity and --exit-code gate the result', async () => {
    const dir = fixture();
    let io = captureIO();
    assert.equal(await main(['config', dir, '--format', 'json', '--severity', 'critical'], io), 0);
    assert.deepEqual((JSON.parse(io.out()) as Report).findings, []);
    io = captureIO();
    assert.equal(
      await main(['config', dir, '--format', 'json', '--severity', 'HIGH,MEDIUM', '--exit-code', '7'], io),
      7,
    );
    assert.ok(
      (JSON.parse(io.out()) as Report).findings.every(
        (f) => f.severity === 'high' || f.severity === 'medium',
      ),
    );
    io = captureIO();
    assert.equal(await main(['config', dir, '--exit-code', '0'], io), 0);
  });

  it('prints the shared table with misconfigurations and the suppressed count', async () => {
    const dir = fixture();
    writeFileSync(
      join(dir, 'Dockerfile'),
      'FROM alpine:3.20\n# palisade:ignore PAL-DF-011\nRUN apk add curl\n',
    );
    const io = captureIO();
    await main(['config', join(dir, 'Dockerfile')], io);
    assert.match(io.out(), /Misconfigurations/);
    assert.match(io.out(), /PAL-DF-001/);
    // suppressed findings are counted and listed apart, with who suppressed them
    const [reported, suppressed] = io.out().split('\nSuppressed: 1\n');
    assert.match(reported!, /, 1 suppressed/);
    assert.doesNotMatch(reported!, /PAL-DF-011/);
    assert.match(suppressed!, /PAL-DF-011 .*inline comment palisade:ignore/);
  });

  it('loads custom CEL policies and reports their compile errors as usage errors', async () => {
    const dir = fixture();
    writeFileSync(
      join(dir, 'org.policy'),
      'policies:\n  - id: ORG-001\n    match: {kinds: [Pod]}\n    expression: object.metadata.namespace != "app"\n    message: no pods in app\n',
    );
    let io = captureIO();
    assert.equal(
      await main(
        ['config', join(dir, 'pod.yaml'), '--policy', join(dir, 'org.policy'), '--format', 'json'],
        io,
      ),
      0,
    );
    assert.ok((JSON.parse(io.out()) as Report).findings.some((f) => f.id === 'ORG-001'));
    writeFileSync(join(dir, 'bad.policy'), 'policies:\n  - id: ORG-002\n    expression: object.(\n');
    io = captureIO();
    assert.equal(await main(['config', dir, '--policy', join(dir, 'bad.policy')], io), 2);
    assert.match(io.err(), /^palisade: CEL policy ORG-002 \(.*bad\.policy:3\): .* at expression 1:8\n$/);
  });

  it('usage and input errors exit 2 with one line', async () => {
    let io = captureIO();
    assert.equal(await main(['config', '/nonexistent/dir'], io), 2);
    assert.equal(io.err(), 'palisade: /nonexistent/dir: no such file or directory\n');
    io = captureIO();
    assert.equal(await main(['config', '.', '--severity', 'urgent'], io), 2);
    assert.match(io.err(), /unknown severity "urgent"/);
    io = captureIO();
    assert.equal(await main(['config', '.', '--build-arg', 'nope'], io), 2);
    assert.match(io.err(), /--build-arg: "nope" is not NAME=value/);
  });
});
