import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiHost, familiarName, formatReference, parseReference } from './reference.js';

test('Docker Hub normalisation: library/ for one-component names, docker.io as the registry', () => {
  assert.deepEqual(parseReference('alpine'), {
    registry: 'docker.io',
    repository: 'library/alpine',
    tag: 'latest',
  });
  assert.deepEqual(parseReference('bitnami/redis:7.2'), {
    registry: 'docker.io',
    repository: 'bitnami/redis',
    tag: '7.2',
  });
  assert.deepEqual(parseReference('index.docker.io/library/debian:12'), {
    registry: 'docker.io',
    repository: 'library/debian',
    tag: '12',
  });
  assert.equal(apiHost('docker.io'), 'registry-1.docker.io');
  assert.equal(familiarName('docker.io', 'library/alpine'), 'alpine');
});

test('hosts with a dot, a port or localhost are registries; digests and tags', () => {
  const d = `sha256:${'a'.repeat(64)}`;
  assert.deepEqual(parseReference(`127.0.0.1:5000/ns/app@${d}`), {
    registry: '127.0.0.1:5000',
    repository: 'ns/app',
    digest: d,
  });
  assert.deepEqual(parseReference(`localhost/app:1@${d}`), {
    registry: 'localhost',
    repository: 'app',
    tag: '1',
    digest: d,
  });
  assert.deepEqual(parseReference('ghcr.io/org/tool'), {
    registry: 'ghcr.io',
    repository: 'org/tool',
    tag: 'latest',
  });
  assert.equal(formatReference(parseReference(`localhost:5000/a/b:c`)), 'localhost:5000/a/b:c');
  assert.equal(familiarName('ghcr.io', 'org/tool'), 'ghcr.io/org/tool');
});

test('invalid references name the problem', () => {
  assert.throws(
    () => parseReference('Alpine'),
    /not a valid image reference \(repository names must be lowercase\)/,
  );
  assert.throws(() => parseReference('alpine@sha256:123'), /bad digest/);
  assert.throws(() => parseReference('alpine:-x'), /bad tag/);
  assert.throws(() => parseReference('a//b'), /bad path component/);
});
