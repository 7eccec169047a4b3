import type { FunctionCheck, Violation } from '../../engine.js';
import { isPlaceholderValue, isSecretName } from '../../secret-names.js';
import { historySteps, IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageBuildArgSecrets: FunctionCheck = {
  id: 'PAL-IMG-010',
  title: 'Secret build argument recorded in the history',
  severity: 'critical',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'a credential passed with --build-arg is stored in the image history',
  description:
    'Build args used by RUN are written into the history entry (`|1 TOKEN=… /bin/sh -c …`), readable by anyone who pulls the image.',
  remediation: 'Rotate the credential, rebuild with RUN --mount=type=secret, and delete the pushed image.',
  frameworks: { 'cis-docker-1.6': ['4.10'], 'nist-800-190': ['3.1.4'] },
  run(r) {
    const out: Violation[] = [];
    for (const s of historySteps(imageOf(r).config))
      for (const [k, v] of s.buildArgs)
        if (isSecretName(k) && !isPlaceholderValue(v))
          out.push({
            message: `history ${s.index}: build arg ${k} is recorded with its value`,
            path: ['history', s.index, 'created_by'],
          });
    return out;
  },
};
