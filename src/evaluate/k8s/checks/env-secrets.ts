import type { FunctionCheck, Violation } from '../../engine.js';
import { isPlaceholderValue, isSecretName } from '../../secret-names.js';
import { arr, containersOf, isObj, podOf, str, WORKLOAD_KINDS } from '../resource.js';

export const envSecrets: FunctionCheck = {
  id: 'PAL-K8S-038',
  title: 'Secret passed as an environment literal',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'a credential is written into the manifest as an env value',
  description:
    'Literal env values are stored in the manifest, its repository and the API object for anyone with read access.',
  remediation:
    'Store the value in a Secret and reference it with valueFrom.secretKeyRef, or mount it as a file.',
  frameworks: {
    'cis-k8s-1.12': ['5.4.1'],
    'nsa-cisa-1.2': ['Network separation and hardening: secrets'],
    'nist-800-190': ['3.1.4'],
  },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod))
      arr(c.c.env).forEach((e, i) => {
        if (!isObj(e)) return;
        const name = str(e.name) ?? '';
        const value = e.value;
        if (value === undefined || value === null || !isSecretName(name)) return;
        if (isPlaceholderValue(String(value))) return;
        out.push({
          message: `container "${c.name}" sets ${name} to a literal value`,
          path: [...c.path, 'env', i, 'value'],
        });
      });
    return out;
  },
};
