import type { FunctionCheck } from '../../engine.js';
import { obj, podOf, str, WORKLOAD_KINDS } from '../resource.js';

export const automountToken: FunctionCheck = {
  id: 'PAL-K8S-030',
  title: 'Service-account token automounted',
  severity: 'low',
  kinds: WORKLOAD_KINDS,
  message: 'the service-account token is mounted into the pod',
  description:
    'Unless the pod or its ServiceAccount sets automountServiceAccountToken: false, an API token is mounted into every container; a compromised container can use it against the API server.',
  remediation:
    'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless it calls the API.',
  frameworks: {
    'cis-k8s-1.12': ['5.1.6'],
    'nsa-cisa-1.2': ['Pod security: protecting pod service account tokens'],
    'nist-800-190': ['3.3.2'],
  },
  run(r, ctx) {
    const pod = podOf(r);
    if (!pod) return [];
    if (pod.spec.automountServiceAccountToken === false) return [];
    const sa = str(pod.spec.serviceAccountName) ?? str(pod.spec.serviceAccount) ?? 'default';
    const saObj = ctx.byKind('ServiceAccount').find((x) => x.name === sa && x.namespace === r.namespace);
    if (saObj && obj(saObj.object).automountServiceAccountToken === false) return [];
    if (pod.spec.automountServiceAccountToken === true)
      return [
        {
          message: `pod sets automountServiceAccountToken=true (service account ${sa})`,
          path: [...pod.specPath, 'automountServiceAccountToken'],
        },
      ];
    return [
      {
        message: `pod mounts the token of service account ${sa}; automountServiceAccountToken is not false`,
        path: pod.specPath,
      },
    ];
  },
};
