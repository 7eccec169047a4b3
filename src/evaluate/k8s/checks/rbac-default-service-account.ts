import type { FunctionCheck, Violation } from '../../engine.js';
import { BINDING_KINDS, roleRefOf, subjectsOf } from '../rbac.js';

export const rbacDefaultServiceAccount: FunctionCheck = {
  id: 'PAL-K8S-029',
  title: 'Default service account bound to a role',
  severity: 'medium',
  kinds: BINDING_KINDS,
  message: "binding grants a role to a namespace's default service account",
  description:
    'Every pod that names no service account runs as "default", so its rights leak to all of them.',
  remediation: 'Create a dedicated service account for the workload and bind the role to it.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.5'],
    'nsa-cisa-1.2': ['Pod security: protecting pod service account tokens'],
    'nist-800-190': ['3.3.1'],
  },
  run(r) {
    const ref = roleRefOf(r);
    const out: Violation[] = [];
    for (const s of subjectsOf(r))
      if (s.kind === 'ServiceAccount' && s.name === 'default')
        out.push({
          message: `${r.kind} ${r.name ?? ''} grants ${ref.kind} ${ref.name} to ServiceAccount ${s.namespace ?? r.namespace ?? ''}/default`,
          path: s.path,
        });
    return out;
  },
};
