import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChallenges } from './auth.js';

test('WWW-Authenticate: Bearer with quoted params, several challenges, escapes', () => {
  assert.deepEqual(
    parseChallenges(
      'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"',
    ),
    [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example/token',
          service: 'registry.example',
          scope: 'repository:a/b:pull,push',
        },
      },
    ],
  );
  assert.deepEqual(parseChallenges(['Basic realm="x \\"y\\""', 'Bearer realm=tok']), [
    { scheme: 'basic', params: { realm: 'x "y"' } },
    { scheme: 'bearer', params: { realm: 'tok' } },
  ]);
  assert.deepEqual(parseChallenges(undefined), []);
});
