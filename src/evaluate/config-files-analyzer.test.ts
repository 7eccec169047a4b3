import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FileInfo } from '../catalog/analyzer.js';
import { scanImage } from '../scan/image.js';
import { runLayers } from '../testing/fake-layers.js';
import { buildImage, writeOciLayout } from '../testing/image-builder.js';
import { configFilesAnalyzer } from './config-files-analyzer.js';

const file = (path: string): FileInfo => ({ path, type: 'file', size: 10, mode: 0o644, uid: 0, gid: 0 });

describe('Dockerfiles and Compose files inside an image', () => {
  it('claims Dockerfiles and Compose files by name, outside vendored directories', () => {
    for (const p of ['Dockerfile', 'srv/app/Dockerfile.prod', 'app/api.dockerfile', 'opt/compose.yaml'])
      assert.ok(configFilesAnalyzer.required(p, file(p)), p);
    for (const p of [
      'app/node_modules/x/Dockerfile',
      'src/vendor/y/compose.yml',
      'app/k8s.yaml',
      'Dockerfiles/',
    ])
      assert.ok(!configFilesAnalyzer.required(p, file(p)), p);
    assert.ok(!configFilesAnalyzer.required('Dockerfile', { ...file('Dockerfile'), type: 'dir' }));
  });

  it('checks them with the config packs; findings carry the in-image path, line and layer', async () => {
    const dockerfile = 'FROM debian:latest\nRUN echo hi\n# palisade:ignore PAL-DF-003\nFROM alpine:3.20\n';
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const { final } = await runLayers(configFilesAnalyzer, [
      [{ path: 'etc/os-release', content: 'ID=debian\n' }],
      [
        { path: 'srv/app/Dockerfile', content: dockerfile },
        { path: 'srv/app/compose.yaml', content: compose },
        { path: 'srv/app/node_modules/dep/Dockerfile', content: dockerfile },
      ],
    ]);
    const at = (id: string) =>
      (final.findings ?? []).filter((f) => f.id === id).map((f) => [f.location?.path, f.location?.line]);
    assert.deepEqual(at('PAL-DF-002'), [['srv/app/Dockerfile', 1]]);
    assert.deepEqual(at('PAL-COMPOSE-001'), [['srv/app/compose.yaml', 4]]);
    assert.ok(!(final.findings ?? []).some((f) => f.location?.path?.includes('node_modules')));
    // the inline suppression holds inside images too, and is said, not lost
    assert.ok(
      (final.warnings ?? []).some(
        (w) =>
          w.code === 'SUPPRESSED' && /^srv\/app\/Dockerfile:4: PAL-DF-003 suppressed by /.test(w.message),
      ),
      JSON.stringify(final.warnings),
    );
  });

  it('a broken Compose file is a warning naming it, not a failed scan', async () => {
    const { final } = await runLayers(configFilesAnalyzer, [
      [{ path: 'app/docker-compose.yml', content: 'services: [unclosed\n' }],
    ]);
    assert.equal(final.findings?.length ?? 0, 0);
    assert.match(final.warnings?.[0]?.message ?? '', /^app\/docker-compose\.yml:\d+: /);
  });
});

describe('Dockerfiles in an image, through the image pipeline', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'palisade-config-files-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('runs with --scanners misconfig and reports the file, line and layer', async () => {
    const layout = join(tmp, 'layout');
    writeOciLayout(layout, [
      {
        tag: 'app',
        image: buildImage([
          { entries: [{ name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }] },
          {
            entries: [{ name: 'srv/app/Dockerfile', content: 'FROM debian:latest\nUSER app\n' }],
            createdBy: 'COPY . /srv/app',
          },
        ]),
      },
    ]);
    const report = await scanImage(`oci:${layout}:app`, { scanners: ['misconfig'], noCache: true });
    const f = report.findings.find((x) => x.id === 'PAL-DF-002');
    assert.deepEqual(
      [f?.location?.path, f?.location?.line, f?.location?.layerIndex],
      ['srv/app/Dockerfile', 1, 1],
    );
    const off = await scanImage(`oci:${layout}:app`, { scanners: ['vuln'], noCache: true });
    assert.ok(!off.findings.some((x) => x.id.startsWith('PAL-DF-')));
  });
});
