import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';
import { repeated } from './multiple-cmd.js';

export const multipleHealthcheck: FunctionCheck = {
  id: 'PAL-DF-025',
  title: 'Several HEALTHCHECK instructions in one stage',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'only the last HEALTHCHECK of a stage takes effect',
  remediation: 'Keep one HEALTHCHECK per stage.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run: (r) => repeated(dockerfileOf(r), 'HEALTHCHECK'),
};
