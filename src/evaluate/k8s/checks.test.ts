import { describe, it } from 'node:test';
import { checkPack } from '../fixture-harness.js';
import { yamlResources } from '../config-scan.js';
import { k8sChecks } from './index.js';

describe('Kubernetes checks: failing and passing fixture for each', () => {
  checkPack(
    {
      dir: new URL('./testdata/checks/', import.meta.url),
      ext: 'yaml',
      checks: k8sChecks,
      load: (text, file) => yamlResources(text, file, []),
    },
    { test: it },
  );
});
