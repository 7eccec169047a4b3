// Liveness and readiness probes: for long-running workloads only (a Job's pod is meant to finish).
import type { Resource, Violation } from '../engine.js';
import { containersOf, podOf } from './resource.js';

export const LONG_RUNNING_KINDS: readonly string[] = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
  'DaemonSet',
];

export function missingProbe(r: Resource, probe: 'livenessProbe' | 'readinessProbe'): Violation[] {
  const pod = podOf(r);
  if (!pod) return [];
  return containersOf(pod)
    .filter((c) => c.type === 'containers' && !c.c[probe])
    .map((c) => ({ message: `container "${c.name}" has no ${probe}`, path: c.path }));
}
