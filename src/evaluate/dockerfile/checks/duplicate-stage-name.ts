import type { FunctionCheck, Violation } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';

export const duplicateStageName: FunctionCheck = {
  id: 'PAL-DF-023',
  title: 'Duplicate stage name',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'two stages share the same AS name',
  remediation: 'Give every stage a unique name.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    const seen = new Map<string, number>();
    const out: Violation[] = [];
    for (const s of dockerfileOf(r).stages) {
      if (!s.name) continue;
      const prev = seen.get(s.name);
      if (prev !== undefined)
        out.push({ message: `stage name ${s.name} is already used on line ${prev}`, line: s.line });
      else seen.set(s.name, s.line);
    }
    return out;
  },
};
