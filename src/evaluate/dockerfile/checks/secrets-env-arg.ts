import type { FunctionCheck } from '../../engine.js';
import { isPlaceholderValue, isSecretName } from '../../secret-names.js';
import { parseKeyValues, splitWords, unquote } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export const secretsEnvArg: FunctionCheck = {
  id: 'PAL-DF-021',
  title: 'Secret in ENV or ARG',
  severity: 'high',
  kinds: [DOCKERFILE_KIND],
  message: 'a credential is set with ENV or passed as a build ARG',
  description:
    'ENV values are stored in the image config; ARG values used by RUN are recorded in the image history. Both are readable by anyone who can pull the image.',
  remediation:
    'Use build secrets (RUN --mount=type=secret) at build time and inject runtime secrets at deploy time.',
  frameworks: { 'cis-docker-1.6': ['4.10'], 'nist-800-190': ['3.1.4'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['ENV', 'ARG'], (ins) => {
      const out: string[] = [];
      if (ins.keyword === 'ENV') {
        for (const [k, v] of parseKeyValues(ins.args, true))
          if (isSecretName(k) && !isPlaceholderValue(v)) out.push(`ENV ${k} holds a literal secret`);
      } else {
        for (const w of splitWords(ins.args)) {
          const name = unquote(w.split('=')[0] ?? '');
          if (isSecretName(name)) out.push(`ARG ${name} passes a secret as a build argument`);
        }
      }
      return out;
    });
  },
};
