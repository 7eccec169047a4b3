import type { FunctionCheck } from '../../engine.js';
import { sensitivePort } from '../../ports.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';
import { exposedPorts } from './expose-invalid.js';

export const exposeSensitive: FunctionCheck = {
  id: 'PAL-DF-015',
  title: 'Sensitive port exposed',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'EXPOSE publishes a remote-administration or database port',
  description:
    'SSH, Telnet, RDP, the Docker API and database ports should not be reachable from outside the application network.',
  remediation: 'Do not expose administration ports; keep database ports internal to the application network.',
  frameworks: { 'cis-docker-1.6': ['5.7', '5.9'], 'nist-800-190': ['3.1.2', '3.4.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['EXPOSE'], (ins) =>
      exposedPorts(ins.expanded)
        .flatMap((p) => (p.port !== undefined ? [[p.port, sensitivePort(p.port)] as const] : []))
        .filter(([, what]) => what !== undefined)
        .map(([port, what]) => `EXPOSE ${port} (${what})`),
    );
  },
};
