import type { FunctionCheck } from '../../engine.js';
import { forContainers, str, WORKLOAD_KINDS } from '../resource.js';
import { parseImageRef, usesLatest } from '../../image-ref.js';

export const imageDigest: FunctionCheck = {
  id: 'PAL-K8S-036',
  title: 'Image not pinned by digest',
  severity: 'low',
  kinds: WORKLOAD_KINDS,
  message: 'image is referenced by tag, not by digest',
  description:
    'A tag can be moved to different content; only a digest names exactly what was scanned and approved.',
  remediation: 'Reference images as name@sha256:<digest> (keep the tag for readers: name:1.2@sha256:…).',
  frameworks: { 'nist-800-190': ['3.1.5', '3.2.2'] },
  run: (r) =>
    forContainers(r, (c) => {
      const image = str(c.c.image);
      if (!image) return undefined;
      const ref = parseImageRef(image);
      if (ref.digest || usesLatest(ref)) return undefined;
      return {
        message: `container "${c.name}" image ${image} is not pinned by digest`,
        path: [...c.path, 'image'],
      };
    }),
};
