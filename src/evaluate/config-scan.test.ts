import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MisconfigFinding } from '../core/types.js';
import { findTargets, scanConfig } from './config-scan.js';

const realistic = fileURLToPath(new URL('./k8s/testdata/realistic/', import.meta.url));

describe('palisade config over a realistic manifest set', () => {
  it('reports exactly the hand-written expected list', async () => {
    const report = await scanConfig([realistic]);
    assert.deepEqual(report.warnings, []);
    assert.equal(report.artifact.type, 'config');
    const got = (report.findings as MisconfigFinding[])
      .map((f) => ({ id: f.id, res: f.resource, file: basename(f.location!.path), line: f.location!.line! }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id))
      .map((f) => `${f.id} ${f.res} ${f.file}:${f.line}`);
    const want = readFileSync(new URL('./k8s/testdata/realistic.expected.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(got, want);
    for (const f of report.findings as MisconfigFinding[]) {
      assert.ok(f.jsonPath, `${f.id} has a JSON path`);
      assert.ok(f.remediation && f.title);
    }
  });
});

describe('file discovery', () => {
  it('detects Dockerfiles, Compose files, manifests, charts and kustomizations; skips symlinks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-cfg-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(join(dir, 'api.dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(join(dir, 'compose.yaml'), 'services: {a: {image: x}}\n');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(
      join(dir, 'k8s', 'pod.json'),
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[]}}',
    );
    mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    mkdirSync(join(dir, 'overlay'));
    writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'resources: []\n');
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'x.yaml'), 'a: 1\n');
    symlinkSync('/etc', join(dir, 'etc-link'));
    const warnings: { code: string; message: string }[] = [];
    const targets = await findTargets([dir], warnings);
    assert.deepEqual(
      targets.map((t) => [t.type, t.path.slice(dir.length + 1)]),
      [
        ['dockerfile', 'Dockerfile'],
        ['dockerfile', 'api.dockerfile'],
        ['helm', 'chart'],
        ['compose', 'compose.yaml'],
        ['yaml', 'k8s/pod.json'],
        ['kustomize', 'overlay'],
      ],
    );
    assert.deepEqual(
      warnings.map((w) => w.code),
      ['SYMLINK_SKIPPED'],
    );
  });

  it('a missing path is an input error naming it', async () => {
    await assert.rejects(
      scanConfig(['/nonexistent/x.yaml']),
      /\/nonexistent\/x\.yaml: no such file or directory/,
    );
  });

  it('a chart without helm on PATH is a clear warning, not a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-chart-'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    const report = await scanConfig([dir], { helmBin: 'palisade-no-such-helm' });
    assert.deepEqual(
      report.warnings.map((w) => w.message),
      [
        `${dir}: Helm chart not checked: palisade-no-such-helm not found on PATH (install Helm 3 to render charts)`,
      ],
    );
  });

  it('hostile YAML in a directory is reported and the rest is still checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-hostile-'));
    writeFileSync(
      join(dir, 'bomb.yaml'),
      'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    );
    writeFileSync(
      join(dir, 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n    - {name: c, image: nginx, securityContext: {privileged: true}}\n',
    );
    const report = await scanConfig([dir]);
    assert.ok(report.warnings.some((w) => w.code === 'LIMIT' && /alias bomb/.test(w.message)));
    assert.ok(report.findings.some((f) => f.id === 'PAL-K8S-001'));
  });
});
