import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeIpcHost: FunctionCheck = {
  id: 'PAL-COMPOSE-005',
  title: 'Host IPC namespace',
  severity: 'high',
  kinds: [COMPOSE_KIND],
  message: 'service shares the host IPC namespace',
  description: 'ipc: host exposes host shared memory and semaphores to the service.',
  remediation: 'Remove ipc: host (use ipc: shareable between services that need it).',
  frameworks: { 'cis-docker-1.6': ['5.17'], 'nist-800-190': ['3.4.3'] },
  run: (r) =>
    service(r).ipc === 'host' ? [{ message: `service ${r.name} uses ipc: host`, path: ['ipc'] }] : [],
};
