// Helm and Kustomize rendering with the real binaries. Skips, saying why, when they are not on PATH.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MisconfigFinding } from '../../src/core/types.js';
import { scanConfig } from '../../src/evaluate/config-scan.js';

function onPath(bin: string, args: string[]): boolean {
  try {
    execFileSync(bin, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const data = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));

describe('Kustomize rendering (kubectl kustomize)', () => {
  const have = onPath('kubectl', ['version', '--client']);
  it(
    'checks the rendered overlay and points at lines of the rendered output',
    { skip: have ? false : 'kubectl not on PATH' },
    async () => {
      const dir = data('kustomize/overlay');
      const report = await scanConfig([dir]);
      assert.deepEqual(report.warnings, []);
      const priv = report.findings.find((f) => f.id === 'PAL-K8S-001') as MisconfigFinding;
      assert.ok(priv, 'privileged container from the patch is found');
      assert.equal(priv.resource, 'Deployment/prod/api');
      assert.deepEqual(priv.location?.path, dir);
      assert.equal(priv.location?.innerPath, '(kustomize build)');
      const rendered = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }).split('\n');
      assert.match(rendered[priv.location!.line! - 1]!, /privileged: true/);
    },
  );
});

describe('Helm rendering (helm template)', () => {
  const have = onPath('helm', ['version']);
  it(
    'checks the rendered chart and maps findings to the template',
    { skip: have ? false : 'helm not on PATH (Debian 12 does not package it)' },
    async () => {
      const dir = data('chart');
      const report = await scanConfig([dir]);
      assert.deepEqual(report.warnings, []);
      const priv = report.findings.find((f) => f.id === 'PAL-K8S-001') as MisconfigFinding;
      assert.equal(priv.location?.innerPath, 'templates/deployment.yaml');
      assert.equal(priv.location?.line, 16);
    },
  );
});
