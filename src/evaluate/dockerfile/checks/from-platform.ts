import type { FunctionCheck, Violation } from '../../engine.js';
import { DOCKERFILE_KIND, dockerfileOf } from '../resource.js';

export const fromPlatform: FunctionCheck = {
  id: 'PAL-DF-037',
  title: 'FROM --platform hard-coded',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'FROM pins a platform, so builds for other platforms get the wrong base',
  remediation: 'Drop --platform or use $BUILDPLATFORM / $TARGETPLATFORM.',
  frameworks: {},
  run(r) {
    const out: Violation[] = [];
    for (const s of dockerfileOf(r).stages)
      if (s.platform && !s.platform.includes('$'))
        out.push({ message: `FROM --platform=${s.platform}`, line: s.line });
    return out;
  },
};
