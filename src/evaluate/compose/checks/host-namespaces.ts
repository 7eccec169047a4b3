import type { FunctionCheck, Violation } from '../../engine.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeHostNamespaces: FunctionCheck = {
  id: 'PAL-COMPOSE-015',
  title: 'Host UTS, user or cgroup namespace',
  severity: 'medium',
  kinds: [COMPOSE_KIND],
  message: 'service shares a host namespace',
  description:
    'uts: host, userns_mode: host and cgroup: host remove isolation the daemon would otherwise provide.',
  remediation: 'Remove the setting.',
  frameworks: { 'cis-docker-1.6': ['5.21', '5.31'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const s = service(r);
    const out: Violation[] = [];
    for (const k of ['uts', 'userns_mode', 'cgroup'])
      if (s[k] === 'host') out.push({ message: `service ${r.name} sets ${k}: host`, path: [k] });
    return out;
  },
};
