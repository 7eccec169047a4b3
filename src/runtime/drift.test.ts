import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseImageRef } from './containers.js';
import { checkUpperLayer, resolveInLayers, sha256File } from './drift.js';

test('drift: files in the upper layer are drift (added or modified); image files are not', async () => {
  const d = mkdtempSync(join(tmpdir(), 'palisade-drift-'));
  try {
    const lower = join(d, 'lower');
    const upper = join(d, 'upper');
    mkdirSync(join(lower, 'usr/bin'), { recursive: true });
    mkdirSync(join(upper, 'usr/bin'), { recursive: true });
    mkdirSync(join(upper, 'tmp'), { recursive: true });
    writeFileSync(join(lower, 'usr/bin/ls'), 'ls');
    writeFileSync(join(lower, 'usr/bin/cat'), 'cat');
    writeFileSync(join(upper, 'usr/bin/cat'), 'trojan');
    writeFileSync(join(upper, 'tmp/implant'), 'x');
    symlinkSync('usr/bin', join(lower, 'bin'));
    symlinkSync('/../../../../etc', join(upper, 'tmp/escape'));
    const layers = { upperDir: upper, lowerDirs: [lower] };
    assert.deepEqual(checkUpperLayer(layers, '/usr/bin/ls'), { drift: false, resolved: '/usr/bin/ls' });
    assert.equal(checkUpperLayer(layers, '/bin/cat').kind, 'modified');
    assert.equal(checkUpperLayer(layers, '/bin/cat').resolved, '/usr/bin/cat');
    assert.equal(checkUpperLayer(layers, '/tmp/implant').kind, 'added');
    // a symlink never leads outside the container's layers
    assert.equal(resolveInLayers([upper, lower], '/tmp/escape/passwd'), undefined);
    assert.equal(
      await sha256File(join(upper, 'tmp/implant')),
      '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
    );
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('image references split into repository, tag and digest', () => {
  assert.deepEqual(parseImageRef('registry:5000/ns/app:1.2@sha256:abc'), {
    repository: 'registry:5000/ns/app',
    tag: '1.2',
    digest: 'sha256:abc',
  });
  assert.deepEqual(parseImageRef('nginx'), { repository: 'nginx' });
});
