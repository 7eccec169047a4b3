import type { FunctionCheck, Violation } from '../../engine.js';
import { parseImageRef, usesLatest } from '../../image-ref.js';
import { containersOf, podOf, str, WORKLOAD_KINDS } from '../resource.js';

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
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      const image = str(c.c.image);
      if (!image) continue;
      const ref = parseImageRef(image);
      if (!ref.digest && !usesLatest(ref))
        out.push({
          message: `container "${c.name}" image ${image} is not pinned by digest`,
          path: [...c.path, 'image'],
        });
    }
    return out;
  },
};
