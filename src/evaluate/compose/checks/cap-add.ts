import type { FunctionCheck, Violation } from '../../engine.js';
import { arr } from '../../k8s/resource.js';
import { COMPOSE_KIND, service } from '../resource.js';

/** Docker's default capability set: adding one of these changes nothing. */
const DOCKER_DEFAULT = new Set([
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
]);

export const composeCapAdd: FunctionCheck = {
  id: 'PAL-COMPOSE-002',
  title: 'Capabilities added',
  severity: 'medium',
  kinds: [COMPOSE_KIND],
  message: 'service adds Linux capabilities beyond Docker’s default set',
  description: 'SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL and friends each open known container escapes.',
  remediation:
    'Remove cap_add entries, or keep only the one capability the service needs; add cap_drop: [ALL].',
  frameworks: { 'cis-docker-1.6': ['5.4'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const out: Violation[] = [];
    arr(service(r).cap_add).forEach((c, i) => {
      const cap = String(c).toUpperCase().replace(/^CAP_/, '');
      if (!DOCKER_DEFAULT.has(cap))
        out.push({ message: `service ${r.name} adds capability ${cap}`, path: ['cap_add', i] });
    });
    return out;
  },
};
