import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Squashed } from '../catalog/squash.js';
import type { Artifact } from '../core/types.js';
import { imageConfigStage } from './misconfig.js';
import { stages, type StageContext } from './stages.js';

function ctx(scanners: StageContext['options']['scanners']): StageContext {
  const artifact: Artifact = {
    name: 'docker.io/library/app:1',
    type: 'container-image',
    layers: [],
    config: {
      config: { Env: ['DB_PASSWORD=hunter2'] },
      history: [{ created_by: '/bin/sh -c curl -s https://x.sh | sh' }],
    },
  };
  return {
    mode: 'image',
    artifact,
    packages: [],
    findings: [],
    warnings: [],
    squashed: {} as Squashed,
    options: { scanners },
    extra: {},
  };
}

test('the misconfig stage is registered and checks the image config', async () => {
  const entry = stages.find((s) => s.id === imageConfigStage.id);
  assert.ok(entry && 'load' in entry, 'listed lazily');
  assert.equal(await entry.load(), imageConfigStage);
  assert.equal(imageConfigStage.scanner, 'misconfig');
  const c = ctx(['misconfig']);
  await imageConfigStage.run(c);
  const ids = c.findings.map((f) => f.id);
  for (const id of ['PAL-IMG-001', 'PAL-IMG-002', 'PAL-IMG-004', 'PAL-IMG-006'])
    assert.ok(ids.includes(id), id);
  assert.equal(c.findings.find((f) => f.id === 'PAL-IMG-006')?.location?.path, 'docker.io/library/app:1');
});

test('with the secret scanner on, Env and build-arg secrets are left to the secret engine', async () => {
  const c = ctx(['misconfig', 'secret']);
  await imageConfigStage.run(c);
  assert.ok(!c.findings.some((f) => f.id === 'PAL-IMG-004'));
  assert.ok(c.findings.some((f) => f.id === 'PAL-IMG-001'));
});
