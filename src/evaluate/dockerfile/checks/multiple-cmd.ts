import type { FunctionCheck, Violation } from '../../engine.js';
import type { Dockerfile } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';

/** Every occurrence of `keyword` after the first, per stage (only the last one takes effect). */
export function repeated(df: Dockerfile, keyword: string): Violation[] {
  const out: Violation[] = [];
  for (const s of df.stages) {
    const all = s.instructions.filter((i) => i.keyword === keyword);
    for (const i of all.slice(0, -1))
      out.push({
        message: `${keyword} on line ${i.line} is overridden by the one on line ${all[all.length - 1]!.line}`,
        line: i.line,
      });
  }
  return out;
}

export const multipleCmd: FunctionCheck = {
  id: 'PAL-DF-017',
  title: 'Several CMD instructions in one stage',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'only the last CMD of a stage takes effect',
  remediation: 'Keep one CMD per stage.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run: (r) => repeated(dockerfileOf(r), 'CMD'),
};
