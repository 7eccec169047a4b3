import { RBAC_LEAST_PRIVILEGE } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { eachRule, ROLE_KINDS } from '../rbac.js';

const VERBS = ['escalate', 'bind', 'impersonate'];

export const rbacEscalate: FunctionCheck = {
  id: 'PAL-K8S-022',
  title: 'Role grants escalate, bind or impersonate',
  severity: 'high',
  kinds: ROLE_KINDS,
  message: 'rule grants a privilege-escalation verb',
  description:
    'escalate and bind let a subject create roles and bindings with more rights than it holds; impersonate lets it act as any user, group or service account.',
  remediation: 'Remove escalate, bind and impersonate unless the subject administers RBAC.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.8'],
    ...RBAC_LEAST_PRIVILEGE,
  },
  run(r) {
    return eachRule(r, (rule) => {
      const i = rule.verbs.findIndex((v) => VERBS.includes(v));
      return i >= 0
        ? {
            message: `${r.kind} ${r.name ?? ''} grants "${rule.verbs[i]}" on ${rule.resources.join(', ')}`,
            path: [...rule.path, 'verbs', i],
          }
        : undefined;
    });
  },
};
