import { RBAC_LEAST_PRIVILEGE } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { eachRule, ROLE_KINDS } from '../rbac.js';

export const rbacWildcardVerbs: FunctionCheck = {
  id: 'PAL-K8S-020',
  title: 'Role grants every verb',
  severity: 'high',
  kinds: ROLE_KINDS,
  message: 'rule grants the wildcard verb "*"',
  description: 'A "*" verb grants every current and future verb, including escalate, bind and impersonate.',
  remediation: 'List the verbs the subject needs (get, list, watch…) instead of "*".',
  frameworks: {
    'cis-k8s-1.12': ['5.1.3'],
    ...RBAC_LEAST_PRIVILEGE,
  },
  run(r) {
    return eachRule(r, (rule) => {
      const i = rule.verbs.indexOf('*');
      return i >= 0
        ? {
            message: `${r.kind} ${r.name ?? ''} grants verb "*" on ${rule.resources.join(', ') || '(none)'}`,
            path: [...rule.path, 'verbs', i],
          }
        : undefined;
    });
  },
};
