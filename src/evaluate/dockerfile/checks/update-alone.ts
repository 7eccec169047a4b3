import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction } from '../resource.js';
import { findCommands } from '../shell.js';

export const updateAlone: FunctionCheck = {
  id: 'PAL-DF-009',
  title: 'Package index update in a RUN of its own',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'apt-get update / apk update without an install in the same RUN',
  description: 'The update layer is cached: later installs use the stale index and miss security fixes.',
  remediation: 'Combine update and install in one RUN: apt-get update && apt-get install -y …',
  frameworks: { 'cis-docker-1.6': ['4.7'], 'nist-800-190': ['3.1.1'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) => {
      const cmds = commandsOf(ins);
      const pairs: [string | RegExp, string][] = [
        [/^apt(-get)?$/, 'update'],
        ['apk', 'update'],
        [/^(yum|dnf|microdnf)$/, 'makecache'],
        ['zypper', 'refresh'],
      ];
      for (const [prog, sub] of pairs)
        if (
          findCommands(cmds, prog, sub).length &&
          !findCommands(cmds, prog, /^(install|add|in|upgrade|dist-upgrade)$/).length
        )
          return `${sub} without an install in the same RUN`;
      return undefined;
    });
  },
};
