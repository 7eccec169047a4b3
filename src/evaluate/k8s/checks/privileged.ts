import type { FunctionCheck } from '../../engine.js';
import { forContainers, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext } from '../pss.js';

export const privileged: FunctionCheck = {
  id: 'PAL-K8S-001',
  title: 'Privileged container',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'container runs privileged',
  description:
    'Privileged containers disable most isolation: they see every host device and can load kernel modules.',
  remediation: 'Remove securityContext.privileged or set it to false; grant single capabilities instead.',
  frameworks: {
    'pss-baseline': ['Privileged Containers'],
    'cis-k8s-1.12': ['5.2.2'],
    'nsa-cisa-1.2': ['Pod security: use containers built to run as non-root, no privileged containers'],
    'nist-800-190': ['3.4.3'],
  },
  run: (r) =>
    forContainers(r, (c) => {
      const s = containerSecurityContext(c);
      if (s.sc.privileged !== true) return undefined;
      return {
        message: `container "${c.name}" sets securityContext.privileged=true`,
        path: [...s.path, 'privileged'],
      };
    }),
};
