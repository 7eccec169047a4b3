import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImageConfig } from '../../core/types.js';
import { checkPack } from '../fixture-harness.js';
import { evaluateImageConfig, runImageConfigChecks } from './evaluate.js';
import { imageChecks } from './index.js';
import { imageConfigResource, parseHistoryEntry } from './resource.js';

describe('image-config checks: failing and passing fixture for each', () => {
  checkPack(
    {
      dir: new URL('./testdata/checks/', import.meta.url),
      ext: 'json',
      checks: imageChecks,
      load: (text, file) => [imageConfigResource(JSON.parse(text) as ImageConfig, file)],
    },
    { test: it },
  );
});

describe('image history', () => {
  it('reads classic, BuildKit and build-arg history entries', () => {
    assert.deepEqual(parseHistoryEntry('/bin/sh -c #(nop)  EXPOSE 80/tcp', 0), {
      index: 0,
      keyword: 'EXPOSE',
      args: '80/tcp',
      buildArgs: [],
    });
    assert.deepEqual(parseHistoryEntry('RUN |2 A=1 B="x y" /bin/sh -c make # buildkit', 1), {
      index: 1,
      keyword: 'RUN',
      args: 'make',
      buildArgs: [
        ['A', '1'],
        ['B', 'x y'],
      ],
    });
    assert.equal(parseHistoryEntry('/bin/sh -c apt-get update', 2).keyword, 'RUN');
  });

  it('evaluateImageConfig names the image and uses catalogued packages for sudo', () => {
    const cfg: ImageConfig = { config: { User: '1000', Healthcheck: { Test: ['CMD', 'true'] } } };
    const fs = evaluateImageConfig(cfg, {
      name: 'docker.io/library/app:1',
      packages: [
        {
          name: 'sudo',
          version: '1.9.13p3-1',
          ecosystem: 'deb',
          purl: 'pkg:deb/debian/sudo@1.9.13p3-1',
          locations: [],
          foundBy: 'dpkg',
        },
      ],
    });
    assert.deepEqual(
      fs.map((f) => [f.id, f.resource, f.location?.path]),
      [['PAL-IMG-008', 'docker.io/library/app:1', 'docker.io/library/app:1']],
    );
  });

  it('external suppressors keep the finding in suppressed', () => {
    const res = runImageConfigChecks(
      { config: {} },
      {
        suppressors: [
          {
            name: '.palisadeignore',
            match: (f) => (f.id === 'PAL-IMG-001' ? { reason: 'distroless' } : undefined),
          },
        ],
      },
    );
    assert.deepEqual(
      res.suppressed.map((s) => [s.id, s.suppression]),
      [['PAL-IMG-001', { by: '.palisadeignore', reason: 'distroless' }]],
    );
    assert.ok(!res.findings.some((f) => f.id === 'PAL-IMG-001'));
  });
});
