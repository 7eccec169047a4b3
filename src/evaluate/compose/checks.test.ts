import { describe, it } from 'node:test';
import { yamlResources } from '../config-scan.js';
import { checkPack } from '../fixture-harness.js';
import { composeChecks } from './index.js';

describe('Compose checks: failing and passing fixture for each', () => {
  checkPack(
    {
      dir: new URL('./testdata/checks/', import.meta.url),
      ext: 'yaml',
      checks: composeChecks,
      load: (text, file) => yamlResources(text, file, []),
    },
    { test: it },
  );
});
