import type { FunctionCheck, Violation } from '../../engine.js';
import { DOCKERFILE_KIND, commandsOf, dockerfileOf } from '../resource.js';

export const pipefail: FunctionCheck = {
  id: 'PAL-DF-033',
  title: 'Pipe without pipefail',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'RUN uses a pipe, but only the last command’s failure fails the build',
  description:
    'In `curl … | tar x`, a failed download goes unnoticed and the build continues with a broken layer.',
  remediation:
    'Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before the RUN, or start it with set -o pipefail.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    const df = dockerfileOf(r);
    const out: Violation[] = [];
    for (const st of df.stages) {
      let pipefailShell = false;
      for (const ins of st.instructions) {
        if (ins.keyword === 'SHELL')
          pipefailShell = (ins.json ?? []).some((w) => w === 'pipefail' || /pipefail/.test(w));
        if (ins.keyword !== 'RUN' || ins.json || pipefailShell) continue;
        const cmds = commandsOf(ins);
        if (!cmds.some((c) => c.pipesTo)) continue;
        if (
          cmds.some(
            (c) => c.words[0] === 'set' && c.words.some((w) => /pipefail/.test(w) || /^-[a-z]*o$/.test(w)),
          )
        )
          continue;
        out.push({ message: 'RUN pipes commands without set -o pipefail', line: ins.line });
      }
    }
    return out;
  },
};
