import type { FunctionCheck } from '../../engine.js';
import { obj } from '../../k8s/resource.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeNoLimits: FunctionCheck = {
  id: 'PAL-COMPOSE-010',
  title: 'No memory or CPU limit',
  severity: 'low',
  kinds: [COMPOSE_KIND],
  message: 'service sets no memory or CPU limit',
  description: 'One runaway service can take the host’s memory or CPU from the others.',
  remediation: 'Set deploy.resources.limits (memory, cpus) or mem_limit/cpus.',
  frameworks: { 'cis-docker-1.6': ['5.11', '5.12'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const s = service(r);
    const lim = obj(obj(obj(s.deploy).resources).limits);
    const missing: string[] = [];
    if (lim.memory === undefined && s.mem_limit === undefined) missing.push('memory');
    if (lim.cpus === undefined && s.cpus === undefined && s.cpu_quota === undefined) missing.push('CPU');
    return missing.length ? [{ message: `service ${r.name} has no ${missing.join(' or ')} limit` }] : [];
  },
};
