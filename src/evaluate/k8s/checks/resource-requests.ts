import type { FunctionCheck } from '../../engine.js';
import { WORKLOAD_KINDS } from '../resource.js';
import { missingResources } from '../resources.js';

export const resourceRequests: FunctionCheck = {
  id: 'PAL-K8S-031',
  title: 'CPU or memory requests not set',
  severity: 'low',
  kinds: WORKLOAD_KINDS,
  message: 'container sets no CPU or memory request',
  description:
    'Without requests the scheduler cannot place the pod sensibly and it is first to be evicted under pressure.',
  remediation: 'Set resources.requests.cpu and resources.requests.memory on every container.',
  frameworks: {
    'nsa-cisa-1.2': ['Network separation and hardening: resource policies'],
    'nist-800-190': ['3.4.3'],
  },
  run: (r) => missingResources(r, 'requests'),
};
