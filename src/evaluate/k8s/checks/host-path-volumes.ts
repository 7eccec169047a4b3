import type { FunctionCheck } from '../../engine.js';
import { forVolumes, obj, str, WORKLOAD_KINDS } from '../resource.js';

export const hostPathVolumes: FunctionCheck = {
  id: 'PAL-K8S-003',
  title: 'hostPath volume',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'pod mounts a hostPath volume',
  description:
    "A hostPath volume exposes the node's file system to the pod; writable ones allow escaping to the node.",
  remediation: 'Use emptyDir, a PersistentVolumeClaim, configMap or secret volumes instead of hostPath.',
  frameworks: {
    'pss-baseline': ['HostPath Volumes'],
    'cis-k8s-1.12': ['5.2.11'],
    'nsa-cisa-1.2': ['Pod security: hardening container environments'],
    'nist-800-190': ['3.4.3', '3.5.5'],
  },
  run: (r) =>
    forVolumes(r, (v, name, path) =>
      v.hostPath === undefined || v.hostPath === null
        ? undefined
        : {
            message: `volume "${name}" mounts hostPath ${str(obj(v.hostPath).path) ?? ''}`.trimEnd(),
            path: [...path, 'hostPath'],
          },
    ),
};
