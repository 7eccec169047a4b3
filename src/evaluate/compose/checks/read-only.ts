import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeReadOnly: FunctionCheck = {
  id: 'PAL-COMPOSE-014',
  title: 'Root file system is writable',
  severity: 'low',
  kinds: [COMPOSE_KIND],
  message: 'service root file system is writable',
  remediation: 'Set read_only: true and mount tmpfs or volumes where the service writes.',
  frameworks: { 'cis-docker-1.6': ['5.13'], 'nist-800-190': ['3.4.3'] },
  run: (r) =>
    service(r).read_only === true ? [] : [{ message: `service ${r.name} does not set read_only: true` }],
};
