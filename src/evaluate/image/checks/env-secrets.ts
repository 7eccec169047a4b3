import type { FunctionCheck, Violation } from '../../engine.js';
import { isPlaceholderValue, isSecretName } from '../../secret-names.js';
import { IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageEnvSecrets: FunctionCheck = {
  id: 'PAL-IMG-004',
  title: 'Secret in the image environment',
  severity: 'high',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'Config.Env holds a credential',
  description: 'The environment is part of the image config: anyone who can pull the image can read it.',
  remediation: 'Remove the variable from the image and inject it at run time from a secret store.',
  frameworks: { 'cis-docker-1.6': ['4.10'], 'nist-800-190': ['3.1.4'] },
  run(r) {
    const out: Violation[] = [];
    (imageOf(r).config.config?.Env ?? []).forEach((e, i) => {
      const eq = e.indexOf('=');
      const name = eq < 0 ? e : e.slice(0, eq);
      const value = eq < 0 ? '' : e.slice(eq + 1);
      if (isSecretName(name) && !isPlaceholderValue(value))
        out.push({ message: `Env ${name} holds a literal secret`, path: ['config', 'Env', i] });
    });
    return out;
  },
};
