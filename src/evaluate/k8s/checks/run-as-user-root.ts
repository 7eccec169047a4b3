import type { FunctionCheck } from '../../engine.js';
import { podOf, WORKLOAD_KINDS } from '../resource.js';
import { eachSecurityContextField, inUserNamespace } from '../pss.js';

export const runAsUserRoot: FunctionCheck = {
  id: 'PAL-K8S-016',
  title: 'runAsUser 0',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'runAsUser is 0 (root)',
  description:
    'Restricted forbids runAsUser: 0 at pod or container level, except for pods in a user namespace.',
  remediation: 'Set runAsUser to a non-zero UID (e.g. 10001), or remove it and set runAsNonRoot: true.',
  frameworks: {
    'pss-restricted': ['Running as Non-root user'],
    'cis-k8s-1.12': ['5.2.7'],
    'nsa-cisa-1.2': ['Pod security: non-root containers and rootless container engines'],
    'nist-800-190': ['3.4.3'],
  },
  run(r) {
    const pod = podOf(r);
    if (!pod || inUserNamespace(pod)) return [];
    return eachSecurityContextField(pod, 'runAsUser', (v, path, who) =>
      v === 0 ? { message: `${who} sets runAsUser=0`, path } : undefined,
    );
  },
};
