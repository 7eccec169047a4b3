import type { FunctionCheck } from '../../engine.js';
import { PIPE_TO_SHELL } from '../../dockerfile/checks/curl-pipe-shell.js';
import { eachRunStep, IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageCurlPipeShell: FunctionCheck = {
  id: 'PAL-IMG-006',
  title: 'Script piped from the network into a shell (history)',
  severity: 'high',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'a layer was built by piping a downloaded script into a shell',
  remediation: 'Rebuild downloading to a file and verifying its checksum or signature before running it.',
  frameworks: { 'cis-docker-1.6': ['4.11'], 'nist-800-190': ['3.1.3', '3.1.5'] },
  run(r) {
    return eachRunStep(imageOf(r).config, (s) =>
      PIPE_TO_SHELL.test(s.args) ? `history ${s.index}: RUN pipes curl/wget into a shell` : undefined,
    );
  },
};
