import type { FunctionCheck, Violation } from '../../engine.js';
import { arr, containersOf, isObj, podOf, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext, isWindowsPod } from '../pss.js';

export const capabilitiesRestricted: FunctionCheck = {
  id: 'PAL-K8S-018',
  title: 'Capabilities not dropped',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'container must drop ALL capabilities and add at most NET_BIND_SERVICE',
  description:
    'Restricted requires capabilities.drop to include ALL, and capabilities.add to hold only NET_BIND_SERVICE.',
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only NET_BIND_SERVICE if needed.',
  frameworks: {
    'pss-restricted': ['Capabilities'],
    'cis-k8s-1.12': ['5.2.9'],
    'nsa-cisa-1.2': ['Pod security: hardening container environments'],
    'nist-800-190': ['3.4.3'],
  },
  run(r) {
    const pod = podOf(r);
    if (!pod || isWindowsPod(pod)) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      const s = containerSecurityContext(c);
      const caps = s.sc.capabilities;
      const capsPath = [...s.path, 'capabilities'];
      if (!isObj(caps) || !arr(caps.drop).includes('ALL'))
        out.push({
          message: `container "${c.name}" must set securityContext.capabilities.drop=["ALL"]`,
          path: isObj(caps) ? capsPath : s.set ? s.path : c.path,
        });
      if (isObj(caps))
        arr(caps.add).forEach((cap, j) => {
          if (cap !== 'NET_BIND_SERVICE')
            out.push({
              message: `container "${c.name}" adds capability ${String(cap)}`,
              path: [...capsPath, 'add', j],
            });
        });
    }
    return out;
  },
};
