import type { FunctionCheck } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf, eachInstruction } from '../resource.js';

export const maintainer: FunctionCheck = {
  id: 'PAL-DF-020',
  title: 'MAINTAINER is deprecated',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'MAINTAINER is deprecated',
  remediation: 'Use LABEL org.opencontainers.image.authors="…".',
  frameworks: {},
  run(r) {
    return eachInstruction(dockerfileOf(r), ['MAINTAINER'], () => 'MAINTAINER is deprecated; use a LABEL');
  },
};
