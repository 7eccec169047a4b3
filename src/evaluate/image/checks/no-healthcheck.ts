import type { FunctionCheck } from '../../engine.js';
import { IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageNoHealthcheck: FunctionCheck = {
  id: 'PAL-IMG-002',
  title: 'No HEALTHCHECK in the image',
  severity: 'low',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'the image defines no health check',
  remediation: 'Add a HEALTHCHECK instruction (Kubernetes deployments use probes instead).',
  frameworks: { 'cis-docker-1.6': ['4.6'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    const test = imageOf(r).config.config?.Healthcheck?.Test;
    if (!test || test.length === 0) return [{ message: 'no HEALTHCHECK', path: ['config'] }];
    return test[0] === 'NONE'
      ? [{ message: 'HEALTHCHECK NONE disables the health check', path: ['config', 'Healthcheck', 'Test'] }]
      : [];
  },
};
