import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';
import { finalStage } from '../parser.js';

export function isRootUser(user: string): boolean {
  const u = user.trim().split(':')[0] ?? '';
  return u === '' || u === 'root' || u === '0';
}

export const rootUser: FunctionCheck = {
  id: 'PAL-DF-001',
  title: 'Image runs as root',
  severity: 'high',
  kinds: [DOCKERFILE_KIND],
  message: 'the final stage sets no non-root USER',
  description:
    'Without a USER (or with USER root/0) the container process runs as root; a breakout starts as root on the host.',
  remediation: 'Create an unprivileged user and add `USER <name or uid>` at the end of the final stage.',
  frameworks: { 'cis-docker-1.6': ['4.1'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    const df = dockerfileOf(r);
    const st = finalStage(df);
    if (!st || st.base === 'scratch') return [];
    const users = st.instructions.filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    if (!last)
      return [
        {
          message: `stage ${st.name ?? st.index} (final) has no USER: the container runs as root`,
          line: st.line,
        },
      ];
    return isRootUser(last.expanded)
      ? [{ message: `the final USER is ${last.expanded.trim()}`, line: last.line }]
      : [];
  },
};
