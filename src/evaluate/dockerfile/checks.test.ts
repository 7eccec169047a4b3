import { describe, it } from 'node:test';
import { checkPack } from '../fixture-harness.js';
import { dockerfileChecks } from './index.js';
import { dockerfileResource } from './resource.js';

describe('Dockerfile checks: failing and passing fixture for each', () => {
  checkPack(
    {
      dir: new URL('./testdata/checks/', import.meta.url),
      ext: 'Dockerfile',
      checks: dockerfileChecks,
      load: (text, file) => [dockerfileResource(text, file)],
      expectOnNextLine: true,
    },
    { test: it },
  );
});
