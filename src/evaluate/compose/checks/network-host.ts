import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeNetworkHost: FunctionCheck = {
  id: 'PAL-COMPOSE-003',
  title: 'Host network',
  severity: 'high',
  kinds: [COMPOSE_KIND],
  message: 'service shares the host network namespace',
  description:
    'network_mode: host exposes every listening port on the host and lets the service reach host-only services.',
  remediation: 'Use a bridge network and publish only the ports needed, on a specific interface.',
  frameworks: { 'cis-docker-1.6': ['5.10'], 'nist-800-190': ['3.4.2', '3.4.3'] },
  run: (r) =>
    service(r).network_mode === 'host'
      ? [{ message: `service ${r.name} uses network_mode: host`, path: ['network_mode'] }]
      : [],
};
