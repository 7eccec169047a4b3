import type { FunctionCheck } from '../../engine.js';
import { sensitivePort } from '../../ports.js';
import { COMPOSE_KIND, portsOf } from '../resource.js';

export const composeSensitivePorts: FunctionCheck = {
  id: 'PAL-COMPOSE-018',
  title: 'Sensitive port published',
  severity: 'medium',
  kinds: [COMPOSE_KIND],
  message: 'service publishes a remote-administration or database port to the host',
  remediation:
    'Do not publish it; let other services reach it on the Compose network, or bind it to 127.0.0.1.',
  frameworks: { 'cis-docker-1.6': ['5.7', '5.9'], 'nist-800-190': ['3.4.2'] },
  run: (r) =>
    portsOf(r)
      .filter(
        (p) =>
          p.published !== '' &&
          sensitivePort(Number(p.target)) &&
          p.hostIp !== '127.0.0.1' &&
          p.hostIp !== '::1',
      )
      .map((p) => ({
        message: `service ${r.name} publishes ${sensitivePort(Number(p.target))} port ${p.target}`,
        path: p.path,
      })),
};
