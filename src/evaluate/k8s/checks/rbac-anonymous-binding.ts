import type { FunctionCheck, Violation } from '../../engine.js';
import { BINDING_KINDS, roleRefOf, subjectsOf } from '../rbac.js';

const ANONYMOUS = new Set([
  'User/system:anonymous',
  'Group/system:unauthenticated',
  'Group/system:anonymous',
]);

export const rbacAnonymousBinding: FunctionCheck = {
  id: 'PAL-K8S-028',
  title: 'Binding to anonymous users',
  severity: 'critical',
  kinds: BINDING_KINDS,
  message: 'binding grants a role to unauthenticated users',
  description:
    'Subjects system:anonymous and system:unauthenticated are anyone who can reach the API server.',
  remediation: 'Remove the anonymous subjects; bind the role to authenticated identities only.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.1'],
    'nsa-cisa-1.2': ['Authentication and authorization'],
    'nist-800-190': ['3.3.2'],
  },
  run(r) {
    const ref = roleRefOf(r);
    const out: Violation[] = [];
    for (const s of subjectsOf(r))
      if (ANONYMOUS.has(`${s.kind}/${s.name}`))
        out.push({
          message: `${r.kind} ${r.name ?? ''} grants ${ref.kind} ${ref.name} to ${s.kind} ${s.name}`,
          path: s.path,
        });
    return out;
  },
};
