import type { FunctionCheck } from '../../engine.js';
import { runScript } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export const sshd: FunctionCheck = {
  id: 'PAL-DF-038',
  title: 'SSH server in the container',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'the image installs or starts an SSH server',
  description:
    'An SSH daemon adds a network login path and keys to manage; use docker exec / kubectl debug instead.',
  remediation: 'Remove openssh-server and sshd from the image.',
  frameworks: { 'cis-docker-1.6': ['5.7'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN', 'CMD', 'ENTRYPOINT'], (ins) => {
      const text = runScript(ins);
      if (ins.keyword === 'RUN')
        return /\b(apt-get|apt|apk|yum|dnf|microdnf|zypper)\b[^\n;&|]*\s(install|add)\b[^\n;&|]*\b(openssh-server|openssh)(?=\s|$|[;&|])/.test(
          text,
        )
          ? 'RUN installs an SSH server'
          : undefined;
      return /(^|[\s/"'])sshd\b/.test(text) ? `${ins.keyword} starts sshd` : undefined;
    });
  },
};
