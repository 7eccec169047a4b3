import type { FunctionCheck } from '../../engine.js';
import { LONG_RUNNING_KINDS, missingProbe } from '../probes.js';

export const livenessProbe: FunctionCheck = {
  id: 'PAL-K8S-033',
  title: 'Liveness probe not set',
  severity: 'low',
  kinds: LONG_RUNNING_KINDS,
  message: 'container has no liveness probe',
  description: 'Without a liveness probe a hung container keeps running and serving errors.',
  remediation: 'Add a livenessProbe (httpGet, tcpSocket, grpc or exec) to every long-running container.',
  frameworks: { 'nist-800-190': ['3.4.3'] },
  run: (r) => missingProbe(r, 'livenessProbe'),
};
