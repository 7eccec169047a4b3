import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction } from '../resource.js';
import { findCommands } from '../shell.js';

export const replaceShell: FunctionCheck = {
  id: 'PAL-DF-032',
  title: '/bin/sh replaced by a link',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'RUN relinks /bin/sh to change the build shell',
  remediation: 'Use the SHELL instruction: SHELL ["/bin/bash", "-o", "pipefail", "-c"].',
  frameworks: {},
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) =>
      findCommands(commandsOf(ins), 'ln').some((c) => c.words.some((w) => w === '/bin/sh'))
        ? 'RUN replaces /bin/sh; use SHELL'
        : undefined,
    );
  },
};
