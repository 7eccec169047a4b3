import type { FunctionCheck } from '../../engine.js';
import { forContainers, str, WORKLOAD_KINDS } from '../resource.js';
import { parseImageRef, usesLatest } from '../../image-ref.js';

export const imageLatest: FunctionCheck = {
  id: 'PAL-K8S-035',
  title: 'Image uses the latest tag',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'image uses the mutable latest tag (explicitly or by omission)',
  description: 'latest changes under you: rollbacks and node restarts may run different code.',
  remediation: 'Pin the image to a version tag, better a digest (image@sha256:…).',
  frameworks: { 'cis-docker-1.6': ['5.28'], 'nist-800-190': ['3.1.5', '3.2.2'] },
  run: (r) =>
    forContainers(r, (c) => {
      const image = str(c.c.image);
      if (!image || !usesLatest(parseImageRef(image))) return undefined;
      return {
        message: `container "${c.name}" image ${image} uses the latest tag`,
        path: [...c.path, 'image'],
      };
    }),
};
