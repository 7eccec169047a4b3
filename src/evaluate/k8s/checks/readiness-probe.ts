import type { FunctionCheck } from '../../engine.js';
import { LONG_RUNNING_KINDS, missingProbe } from '../probes.js';

export const readinessProbe: FunctionCheck = {
  id: 'PAL-K8S-034',
  title: 'Readiness probe not set',
  severity: 'low',
  kinds: LONG_RUNNING_KINDS,
  message: 'container has no readiness probe',
  description: 'Without a readiness probe traffic reaches the container before it can serve it.',
  remediation: 'Add a readinessProbe to every container that serves traffic.',
  frameworks: { 'nist-800-190': ['3.4.3'] },
  run: (r) => missingProbe(r, 'readinessProbe'),
};
