import type { FunctionCheck } from '../../engine.js';
import { eachRule, ROLE_KINDS } from '../rbac.js';

export const rbacNodesProxy: FunctionCheck = {
  id: 'PAL-K8S-026',
  title: 'Role grants nodes/proxy',
  severity: 'high',
  kinds: ROLE_KINDS,
  message: 'rule grants access to nodes/proxy',
  description:
    'nodes/proxy reaches the kubelet API directly: exec into any pod on the node, bypassing audit and admission.',
  remediation:
    'Remove nodes/proxy; monitoring agents should read metrics through nodes/metrics or nodes/stats.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.10'],
    'nsa-cisa-1.2': ['Authentication and authorization: role-based access control'],
    'nist-800-190': ['3.3.1', '3.3.5'],
  },
  run(r) {
    return eachRule(r, (rule) => {
      const i = rule.resources.indexOf('nodes/proxy');
      return i >= 0 && rule.apiGroups.includes('') && rule.verbs.length
        ? {
            message: `${r.kind} ${r.name ?? ''} grants ${rule.verbs.join(', ')} on nodes/proxy`,
            path: [...rule.path, 'resources', i],
          }
        : undefined;
    });
  },
};
