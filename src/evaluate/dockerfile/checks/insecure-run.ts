import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export const insecureRun: FunctionCheck = {
  id: 'PAL-DF-036',
  title: 'RUN --security=insecure',
  severity: 'high',
  kinds: [DOCKERFILE_KIND],
  message: 'RUN asks for an unconfined, privileged build container',
  description:
    '--security=insecure runs the step like a privileged container, with the host’s devices and no seccomp.',
  remediation: 'Remove --security=insecure; do what needs privileges outside the image build.',
  frameworks: { 'cis-docker-1.6': ['5.5'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) =>
      ins.flags.some((f) => f.name === 'security' && f.value === 'insecure')
        ? 'RUN --security=insecure'
        : undefined,
    );
  },
};
