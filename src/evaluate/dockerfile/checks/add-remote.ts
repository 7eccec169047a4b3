import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';
import { copySources, REMOTE } from './add-local.js';

export const addRemote: FunctionCheck = {
  id: 'PAL-DF-005',
  title: 'ADD downloads from a URL without a checksum',
  severity: 'medium',
  kinds: [DOCKERFILE_KIND],
  message: 'ADD fetches a remote URL without --checksum',
  description:
    'Content fetched at build time is not verified: a compromised or changed server changes the image.',
  remediation:
    'Add --checksum=sha256:… to ADD, or download with curl and verify the checksum in the same RUN.',
  frameworks: { 'cis-docker-1.6': ['4.9', '4.11'], 'nist-800-190': ['3.1.5'] },
  run(r) {
    return eachInstruction(dockerfileOf(r), ['ADD'], (ins) => {
      if (ins.flags.some((f) => f.name === 'checksum')) return undefined;
      const urls = copySources(ins).filter((s) => REMOTE.test(s));
      return urls.length ? `ADD ${urls.join(' ')} is not verified by a checksum` : undefined;
    });
  },
};
