import { RBAC_LEAST_PRIVILEGE } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { eachRule, grants, ROLE_KINDS } from '../rbac.js';

const WORKLOADS: [string, string[]][] = [
  ['', ['pods', 'replicationcontrollers']],
  ['apps', ['deployments', 'daemonsets', 'statefulsets', 'replicasets']],
  ['batch', ['jobs', 'cronjobs']],
];

export const rbacCreatePods: FunctionCheck = {
  id: 'PAL-K8S-025',
  title: 'Role can create pods',
  severity: 'medium',
  kinds: ROLE_KINDS,
  message: 'rule grants create on pods or pod controllers',
  description:
    'Whoever can create pods can run them with any service account, secret or volume of the namespace, and escalate to those rights.',
  remediation: 'Limit create on pods and workload controllers to deployment pipelines and operators.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.4'],
    ...RBAC_LEAST_PRIVILEGE,
  },
  run(r) {
    return eachRule(r, (rule) => {
      const hit = WORKLOADS.flatMap(([g, res]) => grants(rule, g, res, ['create']));
      return hit.length
        ? { message: `${r.kind} ${r.name ?? ''} can create ${hit.join(', ')}`, path: rule.path }
        : undefined;
    });
  },
};
