import type { FunctionCheck } from '../../engine.js';
import { isRuntimeSocketPath } from '../../k8s/checks/runtime-socket.js';
import { COMPOSE_KIND, mountsOf } from '../resource.js';

const SENSITIVE = /^\/(etc|proc|sys|boot|dev|root|usr|lib|bin|sbin|var\/lib)(\/|$)/;

export const composeSensitiveMounts: FunctionCheck = {
  id: 'PAL-COMPOSE-016',
  title: 'Sensitive host directory mounted',
  severity: 'high',
  kinds: [COMPOSE_KIND],
  message: 'service mounts a sensitive host directory',
  description:
    'Mounting /etc, /proc, /sys, /boot, /dev or system directories lets the service read or change the host.',
  remediation: 'Mount only the application’s own data directories, read-only where possible.',
  frameworks: { 'cis-docker-1.6': ['5.6'], 'nist-800-190': ['3.5.5'] },
  run: (r) =>
    mountsOf(r)
      .filter((m) => m.type === 'bind' && SENSITIVE.test(m.source) && !isRuntimeSocketPath(m.source))
      .map((m) => ({ message: `service ${r.name} mounts host ${m.source}`, path: m.path })),
};
