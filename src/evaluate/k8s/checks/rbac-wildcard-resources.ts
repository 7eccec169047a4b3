import { RBAC_LEAST_PRIVILEGE } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { eachRule, ROLE_KINDS } from '../rbac.js';

export const rbacWildcardResources: FunctionCheck = {
  id: 'PAL-K8S-021',
  title: 'Role grants every resource',
  severity: 'high',
  kinds: ROLE_KINDS,
  message: 'rule grants access to the wildcard resource "*"',
  description:
    'A "*" resource (or API group) covers every current and future resource, including secrets and CRDs.',
  remediation: 'List the resources and API groups the subject needs instead of "*".',
  frameworks: {
    'cis-k8s-1.12': ['5.1.3'],
    ...RBAC_LEAST_PRIVILEGE,
  },
  run(r) {
    return eachRule(r, (rule) => {
      const i = rule.resources.indexOf('*');
      if (i >= 0)
        return {
          message: `${r.kind} ${r.name ?? ''} grants ${rule.verbs.join(', ')} on every resource`,
          path: [...rule.path, 'resources', i],
        };
      const g = rule.apiGroups.indexOf('*');
      if (g >= 0)
        return {
          message: `${r.kind} ${r.name ?? ''} grants ${rule.verbs.join(', ')} on ${rule.resources.join(', ')} in every API group`,
          path: [...rule.path, 'apiGroups', g],
        };
      return undefined;
    });
  },
};
