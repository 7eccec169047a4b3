import type { FunctionCheck, Violation } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';

export const copyFromStage: FunctionCheck = {
  id: 'PAL-DF-022',
  title: 'COPY --from names no earlier stage',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'COPY --from refers to its own stage or to a name that is no earlier stage',
  description:
    'A --from value that is not an earlier stage is pulled as an image (name:latest from Docker Hub): a typo becomes an untrusted image.',
  remediation: 'Reference an earlier stage by its AS name or index, or a fully qualified, pinned image.',
  frameworks: { 'nist-800-190': ['3.1.5'] },
  run(r) {
    const df = dockerfileOf(r);
    const out: Violation[] = [];
    for (const st of df.stages)
      for (const ins of st.instructions) {
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
        const from = ins.flags.find((f) => f.name === 'from')?.value;
        if (from === undefined || from.includes('$')) continue;
        const low = from.toLowerCase();
        if (/^\d+$/.test(from)) {
          if (Number(from) >= st.index)
            out.push({ message: `COPY --from=${from} is not an earlier stage`, line: ins.line });
          continue;
        }
        if (st.name === low) {
          out.push({ message: `COPY --from=${from} refers to its own stage`, line: ins.line });
          continue;
        }
        const earlier = df.stages.slice(0, st.index).some((s) => s.name === low);
        const later = df.stages.slice(st.index + 1).some((s) => s.name === low);
        if (!earlier && (later || !/[.:/@]/.test(from)))
          out.push({
            message: `COPY --from=${from} is no earlier stage${later ? ' (it is defined later)' : ': it will be pulled as an image'}`,
            line: ins.line,
          });
      }
    return out;
  },
};
