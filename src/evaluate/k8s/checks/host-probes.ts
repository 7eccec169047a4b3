import type { FunctionCheck, PathSeg, Violation } from '../../engine.js';
import { containersOf, isObj, obj, podOf, str, WORKLOAD_KINDS } from '../resource.js';

export const hostProbes: FunctionCheck = {
  id: 'PAL-K8S-012',
  title: 'Probe or lifecycle hook targets another host',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'probe or lifecycle handler sets a host',
  description:
    'httpGet.host and tcpSocket.host in probes and lifecycle handlers make the kubelet connect to arbitrary addresses (SSRF from the node).',
  remediation: 'Remove the host field so the handler targets the pod IP.',
  frameworks: { 'pss-baseline': ['Host Probes / Lifecycle Hooks'], 'nist-800-190': ['3.3.5'] },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    const look = (handler: unknown, path: PathSeg[], what: string, name: string) => {
      if (!isObj(handler)) return;
      for (const t of ['httpGet', 'tcpSocket']) {
        const host = str(obj(handler[t]).host);
        if (host)
          out.push({
            message: `container "${name}" ${what} ${t}.host is "${host}"`,
            path: [...path, t, 'host'],
          });
      }
    };
    for (const c of containersOf(pod)) {
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        look(c.c[p], [...c.path, p], p, c.name);
      const lc = obj(c.c.lifecycle);
      for (const h of ['postStart', 'preStop'])
        look(lc[h], [...c.path, 'lifecycle', h], `lifecycle.${h}`, c.name);
    }
    return out;
  },
};
