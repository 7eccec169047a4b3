import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';
import { repeated } from './multiple-cmd.js';

export const multipleEntrypoint: FunctionCheck = {
  id: 'PAL-DF-018',
  title: 'Several ENTRYPOINT instructions in one stage',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'only the last ENTRYPOINT of a stage takes effect',
  remediation: 'Keep one ENTRYPOINT per stage.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run: (r) => repeated(dockerfileOf(r), 'ENTRYPOINT'),
};
