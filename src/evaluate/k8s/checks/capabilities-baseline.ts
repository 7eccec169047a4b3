import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { arr, forContainers, obj, WORKLOAD_KINDS } from '../resource.js';
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
    ...POD_HARDENING,
  },
  run: (r) =>
    forContainers(r, (c) => {
      const s = containerSecurityContext(c);
      return arr(obj(s.sc.capabilities).add).flatMap((cap, j) =>
        BASELINE_CAPABILITIES.has(String(cap))
          ? []
          : [
              {
                message: `container "${c.name}" adds capability ${String(cap)}`,
                path: [...s.path, 'capabilities', 'add', j],
              },
            ],
      );
    }),
};
