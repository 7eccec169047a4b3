import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck, Violation } from '../../engine.js';
import { podOf, WORKLOAD_KINDS } from '../resource.js';

export const hostNamespaces: FunctionCheck = {
  id: 'PAL-K8S-002',
  title: 'Host namespaces shared',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'pod shares a host namespace',
  description:
    'Sharing the host network, PID or IPC namespace lets the pod see and reach host processes and traffic.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec or set them to false.',
  frameworks: {
    'pss-baseline': ['Host Namespaces'],
    'cis-k8s-1.12': ['5.2.3', '5.2.4', '5.2.5'],
    ...POD_HARDENING,
  },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC'])
      if (pod.spec[f] === true) out.push({ message: `pod sets ${f}=true`, path: [...pod.specPath, f] });
    return out;
  },
};
