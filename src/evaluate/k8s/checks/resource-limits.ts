import type { FunctionCheck } from '../../engine.js';
import { WORKLOAD_KINDS } from '../resource.js';
import { missingResources } from '../resources.js';

export const resourceLimits: FunctionCheck = {
  id: 'PAL-K8S-032',
  title: 'CPU or memory limits not set',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'container sets no CPU or memory limit',
  description: 'A container without limits can exhaust the node (denial of service to its neighbours).',
  remediation: 'Set resources.limits.memory and resources.limits.cpu on every container.',
  frameworks: {
    'cis-docker-1.6': ['5.11', '5.12'],
    'nsa-cisa-1.2': ['Network separation and hardening: resource policies'],
    'nist-800-190': ['3.4.3'],
  },
  run: (r) => missingResources(r, 'limits'),
};
