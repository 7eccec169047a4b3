import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck, Violation } from '../../engine.js';
import { containersOf, isObj, obj, podOf, str, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext, isWindowsPod, podSecurityContext, SECCOMP_ALLOWED } from '../pss.js';

export const seccompRestricted: FunctionCheck = {
  id: 'PAL-K8S-017',
  title: 'Seccomp profile not set',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'seccompProfile.type must be RuntimeDefault or Localhost',
  description:
    'Restricted requires seccompProfile.type RuntimeDefault or Localhost at pod level, or on every container that the pod level does not cover.',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
  frameworks: {
    'pss-restricted': ['Seccomp'],
    'cis-k8s-1.12': ['5.6.2'],
    ...POD_HARDENING,
  },
  run(r) {
    const pod = podOf(r);
    if (!pod || isWindowsPod(pod)) return [];
    const out: Violation[] = [];
    const p = podSecurityContext(pod);
    let podOk = false;
    if (isObj(p.sc.seccompProfile)) {
      const t = str(p.sc.seccompProfile.type) ?? '';
      if (SECCOMP_ALLOWED.has(t)) podOk = true;
      else
        out.push({
          message: `pod sets seccompProfile.type "${t}"`,
          path: [...p.path, 'seccompProfile', 'type'],
        });
    }
    for (const c of containersOf(pod)) {
      const s = containerSecurityContext(c);
      if (isObj(s.sc.seccompProfile)) {
        const t = str(obj(s.sc.seccompProfile).type) ?? '';
        if (!SECCOMP_ALLOWED.has(t))
          out.push({
            message: `container "${c.name}" sets seccompProfile.type "${t}"`,
            path: [...s.path, 'seccompProfile', 'type'],
          });
      } else if (!podOk)
        out.push({
          message: `pod or container "${c.name}" must set seccompProfile.type to RuntimeDefault or Localhost`,
          path: c.path,
        });
    }
    return out;
  },
};
