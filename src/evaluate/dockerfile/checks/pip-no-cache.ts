import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf, eachInstruction, hasCacheMount } from '../resource.js';
import { findCommands, hasFlag, program } from '../shell.js';

export const pipNoCache: FunctionCheck = {
  id: 'PAL-DF-026',
  title: 'pip install without --no-cache-dir',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'pip install keeps its download cache in the image',
  remediation:
    'Use pip install --no-cache-dir, set PIP_NO_CACHE_DIR=1, or use a cache mount for /root/.cache/pip.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    const df = dockerfileOf(r);
    return eachInstruction(df, ['RUN'], (ins) => {
      if (hasCacheMount(ins, /\.cache\/pip|\.cache\b/)) return undefined;
      const st = df.stages[ins.stage];
      if (st && /^(1|true|yes|on|off|0|false)$/i.test(st.env.PIP_NO_CACHE_DIR ?? '')) return undefined;
      const cmds = commandsOf(ins);
      const pips = [
        ...findCommands(cmds, /^pip[0-9.]*$/, 'install'),
        ...cmds.filter(
          (c) => /^python[0-9.]*$/.test(program(c)) && c.words.includes('pip') && c.words.includes('install'),
        ),
      ];
      return pips.some((c) => !hasFlag(c, '--no-cache-dir'))
        ? 'pip install without --no-cache-dir'
        : undefined;
    });
  },
};
