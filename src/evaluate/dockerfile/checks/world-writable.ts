import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction } from '../resource.js';
import { findCommands } from '../shell.js';

const WORLD_WRITABLE = /^(0?[0-7]?[0-7][0-7][2367]|[augo]*[ao][augo]*\+[rwxXst]*w[rwxXst]*)$/;

export const worldWritable: FunctionCheck = {
  id: 'PAL-DF-028',
  title: 'World-writable permissions',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'files are made writable by every user',
  description:
    'World-writable files let any process in the container (or a mounted-volume peer) replace code or config.',
  remediation: 'Give ownership to the runtime user (chown / COPY --chown) and use modes like 0755 or 0644.',
  frameworks: { 'cis-docker-1.6': ['4.8'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN', 'COPY', 'ADD'], (ins) => {
      if (ins.keyword !== 'RUN') {
        const mode = ins.flags.find((f) => f.name === 'chmod')?.value;
        return mode && WORLD_WRITABLE.test(mode)
          ? `${ins.keyword} --chmod=${mode} is world-writable`
          : undefined;
      }
      const bad = findCommands(commandsOf(ins), 'chmod').filter((c) =>
        c.words.slice(1).some((w) => WORLD_WRITABLE.test(w)),
      );
      return bad.length ? `${bad[0]!.text} makes files world-writable` : undefined;
    });
  },
};
