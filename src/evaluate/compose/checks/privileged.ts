import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composePrivileged: FunctionCheck = {
  id: 'PAL-COMPOSE-001',
  title: 'Privileged service',
  severity: 'high',
  kinds: [COMPOSE_KIND],
  message: 'service runs privileged',
  description: 'A privileged container has every capability and device of the host.',
  remediation: 'Remove privileged: true; add the single capabilities the service needs.',
  frameworks: { 'cis-docker-1.6': ['5.5'], 'nist-800-190': ['3.4.3'] },
  run: (r) =>
    service(r).privileged === true
      ? [{ message: `service ${r.name} sets privileged: true`, path: ['privileged'] }]
      : [],
};
