import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { forContainers, podOf, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext, isWindowsPod, settingPath } from '../pss.js';

export const allowPrivilegeEscalation: FunctionCheck = {
  id: 'PAL-K8S-014',
  title: 'Privilege escalation allowed',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'container does not set allowPrivilegeEscalation=false',
  description:
    'Without allowPrivilegeEscalation=false a process can gain privileges through setuid binaries.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  frameworks: {
    'pss-restricted': ['Privilege Escalation'],
    'cis-k8s-1.12': ['5.2.6'],
    ...POD_HARDENING,
  },
  run(r) {
    const pod = podOf(r);
    if (!pod || isWindowsPod(pod)) return [];
    return forContainers(r, (c) =>
      containerSecurityContext(c).sc.allowPrivilegeEscalation === false
        ? undefined
        : {
            message: `container "${c.name}" must set securityContext.allowPrivilegeEscalation=false`,
            path: settingPath(c, 'allowPrivilegeEscalation'),
          },
    );
  },
};
