import type { FunctionCheck } from '../../engine.js';
import { runScript } from '../parser.js';
import {
  DOCKERFILE_KIND,
  commandsOf,
  dockerfileOf,
  eachInstruction,
  hasCacheMount,
  isFinalStage,
} from '../resource.js';
import { findCommands } from '../shell.js';

export const aptListsLeft: FunctionCheck = {
  id: 'PAL-DF-008',
  title: 'apt lists left in the image',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'apt-get install without removing /var/lib/apt/lists in the same RUN',
  description: 'The package lists stay in the layer: tens of MB, and stale metadata in the final image.',
  remediation: 'End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or use a cache mount for /var/lib/apt.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    const df = dockerfileOf(r);
    return eachInstruction(df, ['RUN'], (ins) => {
      if (!isFinalStage(df, ins) || hasCacheMount(ins, /\/var\/lib\/apt/)) return undefined;
      if (!findCommands(commandsOf(ins), /^apt(-get)?$/, 'install').length) return undefined;
      return /rm\s+(-\w+\s+)*\/var\/lib\/apt\/lists/.test(runScript(ins))
        ? undefined
        : 'apt lists are not removed after install';
    });
  },
};
