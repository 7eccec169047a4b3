import type { FunctionCheck, Violation } from '../../engine.js';
import { containersOf, obj, podOf, WORKLOAD_KINDS } from '../resource.js';

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
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      if (c.type === 'ephemeralContainers') continue;
      const req = obj(obj(c.c.resources).requests);
      const missing = ['cpu', 'memory'].filter((k) => req[k] === undefined || req[k] === null);
      if (missing.length)
        out.push({
          message: `container "${c.name}" has no ${missing.join(' or ')} request`,
          path: [...c.path, ...(c.c.resources ? ['resources'] : [])],
        });
    }
    return out;
  },
};
