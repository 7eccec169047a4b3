import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction } from '../resource.js';
import { findCommands } from '../shell.js';

export const aptInteractive: FunctionCheck = {
  id: 'PAL-DF-034',
  title: 'apt used instead of apt-get',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'apt has no stable command-line interface for scripts',
  remediation: 'Use apt-get (or apt-cache) in Dockerfiles.',
  frameworks: {},
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) =>
      findCommands(commandsOf(ins), 'apt', /^(install|update|upgrade|remove|purge|full-upgrade|autoremove)$/)
        .length
        ? 'RUN uses apt; use apt-get'
        : undefined,
    );
  },
};
