import type { FunctionCheck, Violation } from '../../engine.js';
import { containersOf, podOf, WORKLOAD_KINDS, type PodView } from '../resource.js';
import { containerSecurityContext, inUserNamespace } from '../pss.js';

export function unmaskedProcMounts(pod: PodView): Violation[] {
  const out: Violation[] = [];
  for (const c of containersOf(pod)) {
    const s = containerSecurityContext(c);
    const pm = s.sc.procMount;
    if (pm !== undefined && pm !== null && pm !== 'Default')
      out.push({
        message: `container "${c.name}" sets procMount=${String(pm)}`,
        path: [...s.path, 'procMount'],
      });
  }
  return out;
}

export const procMountBaseline: FunctionCheck = {
  id: 'PAL-K8S-008',
  title: 'Unmasked /proc mount',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'container unmasks /proc',
  description:
    'The default /proc masks reduce attack surface. Baseline requires procMount Default or unset, except for pods in a user namespace (hostUsers: false).',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  frameworks: { 'pss-baseline': ['/proc Mount Type'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const pod = podOf(r);
    if (!pod || inUserNamespace(pod)) return [];
    return unmaskedProcMounts(pod);
  },
};
