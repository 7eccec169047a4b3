import type { FunctionCheck } from '../../engine.js';
import { finalStage } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';

export const noHealthcheck: FunctionCheck = {
  id: 'PAL-DF-024',
  title: 'No HEALTHCHECK',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'the final stage defines no HEALTHCHECK',
  description: 'Without a health check, Docker and Compose cannot tell a hung container from a healthy one.',
  remediation: 'Add HEALTHCHECK CMD <probe> to the final stage (Kubernetes uses its own probes instead).',
  frameworks: { 'cis-docker-1.6': ['4.6'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    const df = dockerfileOf(r);
    const st = finalStage(df);
    if (!st || st.base === 'scratch') return [];
    const hc = st.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
    const last = hc[hc.length - 1];
    if (!last) return [{ message: 'the final stage has no HEALTHCHECK', line: st.line }];
    return /^NONE\b/i.test(last.args.trim())
      ? [{ message: 'HEALTHCHECK NONE disables the health check', line: last.line }]
      : [];
  },
};
