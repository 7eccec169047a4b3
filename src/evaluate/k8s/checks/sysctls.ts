import type { FunctionCheck, Violation } from '../../engine.js';
import { arr, isObj, podOf, str, WORKLOAD_KINDS } from '../resource.js';
import { podSecurityContext, SAFE_SYSCTLS } from '../pss.js';

export const sysctls: FunctionCheck = {
  id: 'PAL-K8S-010',
  title: 'Unsafe sysctl',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'pod sets a sysctl outside the safe set',
  description: `Sysctls can disable security mechanisms or affect every pod on the node. Baseline allows only: ${[...SAFE_SYSCTLS].join(', ')}.`,
  remediation: 'Remove the sysctl, or run the workload on dedicated nodes with a reviewed exception.',
  frameworks: { 'pss-baseline': ['Sysctls'], 'nist-800-190': ['3.4.3', '3.5.2'] },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const s = podSecurityContext(pod);
    const out: Violation[] = [];
    arr(s.sc.sysctls).forEach((x, i) => {
      const name = isObj(x) ? (str(x.name) ?? '') : '';
      if (!SAFE_SYSCTLS.has(name))
        out.push({ message: `pod sets unsafe sysctl ${name}`, path: [...s.path, 'sysctls', i, 'name'] });
    });
    return out;
  },
};
