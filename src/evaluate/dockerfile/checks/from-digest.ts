import type { FunctionCheck, Violation } from '../../engine.js';
import { parseImageRef, usesLatest } from '../../image-ref.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';
import { imageBases } from './from-latest.js';

export const fromDigest: FunctionCheck = {
  id: 'PAL-DF-003',
  title: 'Base image not pinned by digest',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'FROM names a tag, not a digest',
  description: 'A tag can be re-pointed; a digest names exactly the base that was reviewed and scanned.',
  remediation: 'Add the digest: FROM image:tag@sha256:… (Renovate or Dependabot can keep it current).',
  frameworks: { 'cis-docker-1.6': ['4.2'], 'nist-800-190': ['3.1.5'] },
  run(r) {
    const out: Violation[] = [];
    for (const s of imageBases(dockerfileOf(r))) {
      const ref = parseImageRef(s.base);
      if (!ref.digest && !usesLatest(ref))
        out.push({ message: `FROM ${s.base} is not pinned by digest`, line: s.line });
    }
    return out;
  },
};
