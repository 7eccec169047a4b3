import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';

export const parseProblem: FunctionCheck = {
  id: 'PAL-DF-035',
  title: 'Dockerfile does not parse',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'the Dockerfile has an error the builder will reject',
  description:
    'Unknown instructions, instructions before FROM, unterminated heredocs or a bad escape directive.',
  remediation: 'Fix the line the message names.',
  frameworks: {},
  run: (r) => dockerfileOf(r).problems.map((p) => ({ message: p.message, line: p.line })),
};
