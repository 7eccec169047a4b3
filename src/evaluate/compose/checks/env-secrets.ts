import type { FunctionCheck } from '../../engine.js';
import { isPlaceholderValue, isSecretName } from '../../secret-names.js';
import { COMPOSE_KIND, envOf } from '../resource.js';

export const composeEnvSecrets: FunctionCheck = {
  id: 'PAL-COMPOSE-007',
  title: 'Secret in the environment',
  severity: 'high',
  kinds: [COMPOSE_KIND],
  message: 'a credential is written into the Compose file',
  description: 'Literal values end up in the repository and in `docker inspect` output.',
  remediation:
    'Use Compose secrets (secrets: + /run/secrets/…) or ${VAR} interpolation from an untracked .env file.',
  frameworks: { 'cis-docker-1.6': ['4.10'], 'nist-800-190': ['3.1.4'] },
  run: (r) =>
    envOf(r)
      .filter((e) => e.value !== undefined && isSecretName(e.name) && !isPlaceholderValue(e.value))
      .map((e) => ({ message: `service ${r.name} sets ${e.name} to a literal value`, path: e.path })),
};
