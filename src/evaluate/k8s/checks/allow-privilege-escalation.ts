import type { FunctionCheck, Violation } from '../../engine.js';
import { containersOf, podOf, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext, isWindowsPod } from '../pss.js';

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
    'nsa-cisa-1.2': ['Pod security: hardening container environments'],
    'nist-800-190': ['3.4.3'],
  },
  run(r) {
    const pod = podOf(r);
    if (!pod || isWindowsPod(pod)) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      const s = containerSecurityContext(c);
      if (s.sc.allowPrivilegeEscalation === false) continue;
      out.push({
        message: `container "${c.name}" must set securityContext.allowPrivilegeEscalation=false`,
        path:
          s.sc.allowPrivilegeEscalation !== undefined
            ? [...s.path, 'allowPrivilegeEscalation']
            : s.set
              ? s.path
              : c.path,
      });
    }
    return out;
  },
};
