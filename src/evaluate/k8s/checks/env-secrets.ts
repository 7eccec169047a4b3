import type { FunctionCheck } from '../../engine.js';
import { arr, forContainers, isObj, str, WORKLOAD_KINDS } from '../resource.js';
import { isPlaceholderValue, isSecretName } from '../../secret-names.js';

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
  run: (r) =>
    forContainers(r, (c) =>
      arr(c.c.env).flatMap((e, i) => {
        if (!isObj(e)) return [];
        const name = str(e.name) ?? '';
        if (
          e.value === undefined ||
          e.value === null ||
          !isSecretName(name) ||
          isPlaceholderValue(String(e.value))
        )
          return [];
        return [
          {
            message: `container "${c.name}" sets ${name} to a literal value`,
            path: [...c.path, 'env', i, 'value'],
          },
        ];
      }),
    ),
};
