import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck, Violation } from '../../engine.js';
import { arr, forContainers, isObj, podOf, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext, isWindowsPod, settingPath } from '../pss.js';

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
    ...POD_HARDENING,
  },
  run(r) {
    const pod = podOf(r);
    if (!pod || isWindowsPod(pod)) return [];
    return forContainers(r, (c) => {
      const caps = containerSecurityContext(c).sc.capabilities;
      const out: Violation[] = [];
      if (!isObj(caps) || !arr(caps.drop).includes('ALL'))
        out.push({
          message: `container "${c.name}" must set securityContext.capabilities.drop=["ALL"]`,
          path: settingPath(c, 'capabilities'),
        });
      if (isObj(caps))
        arr(caps.add).forEach((cap, j) => {
          if (cap !== 'NET_BIND_SERVICE')
            out.push({
              message: `container "${c.name}" adds capability ${String(cap)}`,
              path: [...settingPath(c, 'capabilities'), 'add', j],
            });
        });
      return out;
    });
  },
};
