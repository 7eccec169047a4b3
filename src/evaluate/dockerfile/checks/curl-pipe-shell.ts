import type { FunctionCheck } from '../../engine.js';
import { runScript } from '../parser.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

/** `curl … | sh`, `wget -O- … | bash`, `sh -c "$(curl …)"`, `bash <(curl …)` */
export const PIPE_TO_SHELL =
  /\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(\/usr)?(\/bin\/)?(ba|z|da|k|a)?sh\b|\b(ba|z|da|k)?sh\s+(-c\s+)?["']?\$\(\s*(curl|wget)\b|\b(ba|z)?sh\s+<\(\s*(curl|wget)\b/;

export const curlPipeShell: FunctionCheck = {
  id: 'PAL-DF-006',
  title: 'Script piped from the network into a shell',
  severity: 'high',
  kinds: [DOCKERFILE_KIND],
  message: 'RUN pipes a downloaded script into a shell',
  description: 'Whatever the server returns at build time is executed as root in the build, unverified.',
  remediation: 'Download to a file, verify its checksum or signature, then run it.',
  frameworks: { 'cis-docker-1.6': ['4.11'], 'nist-800-190': ['3.1.3', '3.1.5'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['RUN'], (ins) =>
      PIPE_TO_SHELL.test(runScript(ins)) ? 'RUN pipes curl/wget output into a shell' : undefined,
    );
  },
};
