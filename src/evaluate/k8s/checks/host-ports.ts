import type { FunctionCheck } from '../../engine.js';
import { arr, forContainers, isObj, WORKLOAD_KINDS } from '../resource.js';

export const hostPorts: FunctionCheck = {
  id: 'PAL-K8S-004',
  title: 'Host port',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'container binds a host port',
  description: "hostPort binds a port on the node's interfaces, bypassing Services and NetworkPolicies.",
  remediation: 'Remove ports[].hostPort (or set it to 0) and expose the port through a Service.',
  frameworks: {
    'pss-baseline': ['Host Ports'],
    'cis-k8s-1.12': ['5.2.12'],
    'nsa-cisa-1.2': ['Network separation and hardening'],
    'nist-800-190': ['3.4.2'],
  },
  run: (r) =>
    forContainers(r, (c) =>
      arr(c.c.ports).flatMap((p, j) =>
        isObj(p) && p.hostPort !== undefined && p.hostPort !== null && p.hostPort !== 0
          ? [
              {
                message: `container "${c.name}" uses hostPort ${String(p.hostPort)}`,
                path: [...c.path, 'ports', j, 'hostPort'],
              },
            ]
          : [],
      ),
    ),
};
