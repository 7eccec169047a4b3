import type { FunctionCheck, Violation } from '../../engine.js';
import { arr, containersOf, obj, podOf, WORKLOAD_KINDS } from '../resource.js';
import { BASELINE_CAPABILITIES, containerSecurityContext } from '../pss.js';

export const capabilitiesBaseline: FunctionCheck = {
  id: 'PAL-K8S-005',
  title: 'Capabilities beyond the default set',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'container adds a capability beyond the default set',
  description:
    'Baseline allows adding only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT.',
  remediation: 'Remove the other entries from securityContext.capabilities.add.',
  frameworks: {
    'pss-baseline': ['Capabilities'],
    'cis-k8s-1.12': ['5.2.8', '5.2.9'],
    'nsa-cisa-1.2': ['Pod security: hardening container environments'],
    'nist-800-190': ['3.4.3'],
  },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      const s = containerSecurityContext(c);
      arr(obj(s.sc.capabilities).add).forEach((cap, j) => {
        if (!BASELINE_CAPABILITIES.has(String(cap)))
          out.push({
            message: `container "${c.name}" adds capability ${String(cap)}`,
            path: [...s.path, 'capabilities', 'add', j],
          });
      });
    }
    return out;
  },
};
