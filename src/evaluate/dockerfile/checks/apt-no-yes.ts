import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction } from '../resource.js';
import { findCommands, hasFlag, hasShortFlag } from '../shell.js';

export const aptNoYes: FunctionCheck = {
  id: 'PAL-DF-010',
  title: 'apt-get install without -y',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'apt-get install will prompt and fail in a non-interactive build',
  description:
    'Without -y apt-get asks for confirmation; the build aborts or behaves differently per package.',
  remediation: 'Use apt-get install -y (or --yes, or -qq).',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) => {
      const bad = findCommands(commandsOf(ins), 'apt-get', 'install').filter(
        (c) =>
          !hasFlag(c, '--yes', '--assume-yes', '-qq') && !hasShortFlag(c, 'y') && !c.words.includes('-q=2'),
      );
      return bad.length ? 'apt-get install without -y' : undefined;
    });
  },
};
