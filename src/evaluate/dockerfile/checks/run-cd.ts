import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction } from '../resource.js';
import { findCommands } from '../shell.js';

export const runCd: FunctionCheck = {
  id: 'PAL-DF-014',
  title: 'cd in RUN instead of WORKDIR',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'RUN changes directory with cd',
  description: 'cd only lasts for one RUN; later instructions run elsewhere than the reader expects.',
  remediation: 'Use WORKDIR to change directory.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) =>
      findCommands(commandsOf(ins), 'cd').length ? 'RUN uses cd; use WORKDIR' : undefined,
    );
  },
};
