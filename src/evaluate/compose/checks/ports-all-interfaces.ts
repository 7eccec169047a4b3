import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, portsOf } from '../resource.js';

export const composePortsAllInterfaces: FunctionCheck = {
  id: 'PAL-COMPOSE-008',
  title: 'Port published on all interfaces',
  severity: 'medium',
  kinds: [COMPOSE_KIND],
  message: 'port is published on every host interface',
  description:
    'Without a host IP Docker binds 0.0.0.0 and adds iptables rules that bypass host firewalls such as ufw.',
  remediation: 'Bind to a specific address: "127.0.0.1:8080:80" (or the interface that should serve it).',
  frameworks: { 'cis-docker-1.6': ['5.14'], 'nist-800-190': ['3.4.2'] },
  run: (r) =>
    portsOf(r)
      .filter((p) => p.hostIp === '' || p.hostIp === '0.0.0.0' || p.hostIp === '::')
      .map((p) => ({
        message: `service ${r.name} publishes ${p.published || '(random)'}:${p.target} on all interfaces`,
        path: p.path,
      })),
};
