import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export const shellFormCmd: FunctionCheck = {
  id: 'PAL-DF-019',
  title: 'CMD or ENTRYPOINT in shell form',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'shell form runs the process under /bin/sh -c, which does not forward signals',
  description:
    'In shell form the application is not PID 1: SIGTERM is not delivered and shutdown waits for SIGKILL.',
  remediation: 'Use the JSON (exec) form: CMD ["app", "--flag"].',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['CMD', 'ENTRYPOINT'], (ins) =>
      !ins.json && ins.args.trim() ? `${ins.keyword} uses the shell form` : undefined,
    );
  },
};
