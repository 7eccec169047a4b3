import type { FunctionCheck } from '../../engine.js';
import { runScript } from '../parser.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction, hasCacheMount } from '../resource.js';
import { findCommands, hasFlag } from '../shell.js';

export const apkNoCache: FunctionCheck = {
  id: 'PAL-DF-011',
  title: 'apk add without --no-cache',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'apk add leaves the package index in the image',
  description: 'The apk index stays in /var/cache/apk of the layer.',
  remediation: 'Use apk add --no-cache.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) => {
      if (hasCacheMount(ins, /\/var\/cache\/apk/) || /rm\s+(-\w+\s+)*\/var\/cache\/apk/.test(runScript(ins)))
        return undefined;
      const bad = findCommands(commandsOf(ins), 'apk', 'add').filter((c) => !hasFlag(c, '--no-cache'));
      return bad.length ? 'apk add without --no-cache' : undefined;
    });
  },
};
