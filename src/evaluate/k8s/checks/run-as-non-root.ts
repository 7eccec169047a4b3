import type { FunctionCheck, Violation } from '../../engine.js';
import { containersOf, podOf, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext, inUserNamespace, podSecurityContext } from '../pss.js';

export const runAsNonRoot: FunctionCheck = {
  id: 'PAL-K8S-015',
  title: 'Container may run as root',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'runAsNonRoot is not true',
  description:
    'Restricted requires runAsNonRoot=true at pod level or on every container (none may set false), except for pods in a user namespace.',
  remediation: 'Set spec.securityContext.runAsNonRoot: true and run the image as a non-zero UID.',
  frameworks: {
    'pss-restricted': ['Running as Non-root'],
    'cis-k8s-1.12': ['5.2.7'],
    'nsa-cisa-1.2': ['Pod security: non-root containers and rootless container engines'],
    'nist-800-190': ['3.4.3'],
  },
  run(r) {
    const pod = podOf(r);
    if (!pod || inUserNamespace(pod)) return [];
    const out: Violation[] = [];
    const p = podSecurityContext(pod);
    const podValue = p.sc.runAsNonRoot;
    if (podValue === false)
      out.push({ message: 'pod sets securityContext.runAsNonRoot=false', path: [...p.path, 'runAsNonRoot'] });
    for (const c of containersOf(pod)) {
      const s = containerSecurityContext(c);
      const v = s.sc.runAsNonRoot;
      if (v === false)
        out.push({
          message: `container "${c.name}" sets securityContext.runAsNonRoot=false`,
          path: [...s.path, 'runAsNonRoot'],
        });
      else if (v !== true && podValue !== true)
        out.push({
          message: `pod or container "${c.name}" must set securityContext.runAsNonRoot=true`,
          path: c.path,
        });
    }
    return out;
  },
};
