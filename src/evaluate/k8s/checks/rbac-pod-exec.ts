import { RBAC_LEAST_PRIVILEGE } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { eachRule, grants, ROLE_KINDS } from '../rbac.js';

export const rbacPodExec: FunctionCheck = {
  id: 'PAL-K8S-024',
  title: 'Role can exec into pods',
  severity: 'high',
  kinds: ROLE_KINDS,
  message: 'rule grants pods/exec or pods/attach',
  description:
    'exec and attach run commands inside any pod of the scope, with that pod’s service account and mounts.',
  remediation: 'Remove pods/exec and pods/attach; use ephemeral debug access with an approval flow instead.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.4'],
    ...RBAC_LEAST_PRIVILEGE,
  },
  run(r) {
    return eachRule(r, (rule) => {
      const hit = grants(rule, '', ['pods/exec', 'pods/attach'], ['create', 'get']);
      return hit.length
        ? { message: `${r.kind} ${r.name ?? ''} grants ${hit.join(', ')}`, path: rule.path }
        : undefined;
    });
  },
};
