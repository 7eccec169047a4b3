import type { FunctionCheck } from '../../engine.js';
import { forVolumes, obj, str, WORKLOAD_KINDS } from '../resource.js';

/** Paths whose mount hands the container the node: runtime sockets, their directories, the root. */
export const RUNTIME_SOCKET_PATHS: readonly string[] = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/podman/podman.sock',
  '/var/run',
  '/run',
  '/var/run/containerd',
  '/run/containerd',
  '/var/lib/docker',
  '/',
];

export function isRuntimeSocketPath(p: string): boolean {
  const norm = p.replace(/\/+$/, '') || '/';
  return RUNTIME_SOCKET_PATHS.includes(norm);
}

export const runtimeSocket: FunctionCheck = {
  id: 'PAL-K8S-039',
  title: 'Container runtime socket mounted',
  severity: 'critical',
  kinds: WORKLOAD_KINDS,
  message: 'pod mounts the container runtime socket or /var/run',
  description:
    'Access to docker.sock, containerd.sock or crio.sock (or the directories holding them) is root on the node.',
  remediation: 'Remove the hostPath volume; use the Kubernetes API or a dedicated, narrow agent instead.',
  frameworks: {
    'cis-docker-1.6': ['5.32'],
    'nsa-cisa-1.2': ['Pod security: hardening container environments'],
    'nist-800-190': ['3.4.3', '3.5.5'],
  },
  run: (r) =>
    forVolumes(r, (v, name, path) => {
      const host = str(obj(v.hostPath).path);
      if (!host || !isRuntimeSocketPath(host)) return undefined;
      return {
        message: `volume "${name}" mounts ${host} from the node`,
        path: [...path, 'hostPath', 'path'],
      };
    }),
};
