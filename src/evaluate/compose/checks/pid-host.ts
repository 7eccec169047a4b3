import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composePidHost: FunctionCheck = {
  id: 'PAL-COMPOSE-004',
  title: 'Host PID namespace',
  severity: 'high',
  kinds: [COMPOSE_KIND],
  message: 'service shares the host PID namespace',
  description: 'pid: host shows every host process to the service, and with ptrace lets it attach to them.',
  remediation: 'Remove pid: host.',
  frameworks: { 'cis-docker-1.6': ['5.16'], 'nist-800-190': ['3.4.3'] },
  run: (r) =>
    service(r).pid === 'host' ? [{ message: `service ${r.name} uses pid: host`, path: ['pid'] }] : [],
};
