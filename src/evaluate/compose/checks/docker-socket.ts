import type { FunctionCheck } from '../../engine.js';
import { isRuntimeSocketPath } from '../../k8s/checks/runtime-socket.js';
import { COMPOSE_KIND, mountsOf } from '../resource.js';

export const composeDockerSocket: FunctionCheck = {
  id: 'PAL-COMPOSE-006',
  title: 'Docker socket mounted',
  severity: 'critical',
  kinds: [COMPOSE_KIND],
  message: 'service mounts the container runtime socket',
  description:
    'Access to /var/run/docker.sock is root on the host: the service can start a privileged container.',
  remediation:
    'Remove the mount; if a tool needs the API, put a filtering proxy (read-only, allow-listed endpoints) in front.',
  frameworks: { 'cis-docker-1.6': ['5.32'], 'nist-800-190': ['3.4.3', '3.5.5'] },
  run: (r) =>
    mountsOf(r)
      .filter((m) => m.type === 'bind' && isRuntimeSocketPath(m.source))
      .map((m) => ({ message: `service ${r.name} mounts ${m.source}`, path: m.path })),
};
