import type { FunctionCheck } from '../../engine.js';
import { eachRule, grants, ROLE_KINDS } from '../rbac.js';

export const rbacSecrets: FunctionCheck = {
  id: 'PAL-K8S-023',
  title: 'Role can read secrets',
  severity: 'high',
  kinds: ROLE_KINDS,
  message: 'rule grants get, list or watch on secrets',
  description:
    'Reading secrets yields credentials, including service-account tokens of more privileged accounts.',
  remediation:
    'Mount the secrets the workload needs instead of granting API access, or limit with resourceNames.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.2'],
    'nsa-cisa-1.2': ['Authentication and authorization: role-based access control'],
    'nist-800-190': ['3.3.2'],
  },
  run(r) {
    return eachRule(r, (rule) =>
      grants(rule, '', ['secrets'], ['get', 'list', 'watch']).length
        ? {
            message: `${r.kind} ${r.name ?? ''} can read secrets (${rule.verbs.join(', ')})`,
            path: rule.path,
          }
        : undefined,
    );
  },
};
