import type { FunctionCheck, Violation } from '../../engine.js';
import { containersOf, obj, podOf, WORKLOAD_KINDS } from '../resource.js';

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
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      if (c.type === 'ephemeralContainers') continue;
      const lim = obj(obj(c.c.resources).limits);
      const missing = ['cpu', 'memory'].filter((k) => lim[k] === undefined || lim[k] === null);
      if (missing.length)
        out.push({
          message: `container "${c.name}" has no ${missing.join(' or ')} limit`,
          path: [...c.path, ...(c.c.resources ? ['resources'] : [])],
        });
    }
    return out;
  },
};
