import type { FunctionCheck } from '../../engine.js';
import { isRootUser } from '../../dockerfile/checks/root-user.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeNoUser: FunctionCheck = {
  id: 'PAL-COMPOSE-009',
  title: 'Service user not set or root',
  severity: 'medium',
  kinds: [COMPOSE_KIND],
  message: 'service sets no non-root user',
  description:
    'Without `user:` the service runs as the image user, which is root unless the image says otherwise.',
  remediation: 'Set user: "10001:10001" (a non-zero UID the image supports).',
  frameworks: { 'cis-docker-1.6': ['4.1'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const u = service(r).user;
    if (u === undefined || u === null) return [{ message: `service ${r.name} sets no user` }];
    return isRootUser(String(u))
      ? [{ message: `service ${r.name} runs as ${String(u)}`, path: ['user'] }]
      : [];
  },
};
