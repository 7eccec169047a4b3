import type { FunctionCheck } from '../../engine.js';
import { runScript } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export const sudo: FunctionCheck = {
  id: 'PAL-DF-012',
  title: 'sudo used in RUN',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'RUN uses sudo',
  description:
    'sudo in an image means a setuid path to root at run time and unpredictable TTY/signal behaviour.',
  remediation: 'Switch USER around the privileged steps instead of using sudo; do not install sudo.',
  frameworks: { 'cis-docker-1.6': ['4.3'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) =>
      /(^|[\s;&|(])sudo\s/.test(runScript(ins)) ? 'RUN uses sudo' : undefined,
    );
  },
};
