import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction } from '../resource.js';
import { findCommands } from '../shell.js';

export const aptNoRecommends: FunctionCheck = {
  id: 'PAL-DF-007',
  title: 'apt-get install without --no-install-recommends',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'apt-get install pulls recommended packages',
  description: 'Recommended packages add size and attack surface the image does not need.',
  remediation: 'Use apt-get install --no-install-recommends.',
  frameworks: { 'cis-docker-1.6': ['4.3'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) => {
      const bad = findCommands(commandsOf(ins), 'apt-get', 'install').filter(
        (c) =>
          !c.words.some((w) => w === '--no-install-recommends' || /Install-Recommends=(false|0|no)/i.test(w)),
      );
      return bad.length ? 'apt-get install without --no-install-recommends' : undefined;
    });
  },
};
