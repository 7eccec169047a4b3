import type { FunctionCheck } from '../../engine.js';
import { obj, WORKLOAD_KINDS } from '../resource.js';

export const defaultNamespace: FunctionCheck = {
  id: 'PAL-K8S-047',
  title: 'Workload in the default namespace',
  severity: 'low',
  kinds: [
    ...WORKLOAD_KINDS,
    'Service',
    'ConfigMap',
    'Secret',
    'Role',
    'RoleBinding',
    'ServiceAccount',
    'Ingress',
  ],
  message: 'resource is placed in the default namespace',
  description:
    'The default namespace has no boundary of its own: policies, quotas and RBAC are hard to scope there.',
  remediation: 'Create a namespace per application or team and deploy into it.',
  frameworks: { 'cis-k8s-1.12': ['5.6.4'], 'nsa-cisa-1.2': ['Network separation and hardening: namespaces'] },
  run(r) {
    return obj(obj(r.object).metadata).namespace === 'default'
      ? [
          {
            message: `${r.kind} ${r.name ?? ''} is in the default namespace`,
            path: ['metadata', 'namespace'],
          },
        ]
      : [];
  },
};
