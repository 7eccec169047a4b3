// Computed over the whole set of manifests: a namespace that holds workloads (or is declared) but
// has no NetworkPolicy in the set accepts all traffic from everywhere.
import type { FunctionCheck } from '../../engine.js';
import { WORKLOAD_KINDS } from '../resource.js';

export const namespaceNetworkPolicy: FunctionCheck = {
  id: 'PAL-K8S-044',
  title: 'Namespace without a NetworkPolicy',
  severity: 'medium',
  kinds: ['Namespace', ...WORKLOAD_KINDS],
  message: 'no NetworkPolicy in this namespace: every pod accepts traffic from anywhere',
  description:
    'Computed over all manifests given: for each namespace with workloads or a Namespace object and no NetworkPolicy, one finding on the Namespace object (or on its first workload).',
  remediation: 'Add a default-deny NetworkPolicy to the namespace and allow the flows the workloads need.',
  frameworks: {
    'cis-k8s-1.12': ['5.3.2'],
    'nsa-cisa-1.2': ['Network separation and hardening: network policies'],
    'nist-800-190': ['3.3.3'],
  },
  run(r, ctx) {
    const ns = r.kind === 'Namespace' ? r.name : r.namespace;
    if (!ns) return [];
    if (ctx.byKind('NetworkPolicy').some((x) => x.namespace === ns)) return [];
    // report once per namespace: on the Namespace object if given, else on its first workload
    const nsObj = ctx.byKind('Namespace').find((x) => x.name === ns);
    const owner = nsObj ?? ctx.all.find((x) => WORKLOAD_KINDS.includes(x.kind) && x.namespace === ns);
    if (owner !== r) return [];
    return [{ message: `namespace ${ns} has no NetworkPolicy`, path: ['metadata'] }];
  },
};
