import { RBAC_LEAST_PRIVILEGE } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { BINDING_KINDS, roleRefOf, subjectsOf } from '../rbac.js';

export const rbacClusterAdminBinding: FunctionCheck = {
  id: 'PAL-K8S-027',
  title: 'Binding to cluster-admin',
  severity: 'high',
  kinds: BINDING_KINDS,
  message: 'binding grants the cluster-admin role',
  description: 'cluster-admin is full control of the cluster; bind it to break-glass identities only.',
  remediation: 'Bind a role with the permissions the subject needs instead of cluster-admin.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.1'],
    ...RBAC_LEAST_PRIVILEGE,
  },
  run(r) {
    const ref = roleRefOf(r);
    if (ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return [];
    const who =
      subjectsOf(r)
        .map((s) => `${s.kind} ${s.name}`)
        .join(', ') || 'no subjects';
    return [
      { message: `${r.kind} ${r.name ?? ''} binds cluster-admin to ${who}`, path: ['roleRef', 'name'] },
    ];
  },
};
