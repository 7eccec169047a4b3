import type { FunctionCheck } from '../../engine.js';
import { parseImageRef, usesLatest } from '../../image-ref.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeImageLatest: FunctionCheck = {
  id: 'PAL-COMPOSE-012',
  title: 'Image uses the latest tag',
  severity: 'medium',
  kinds: [COMPOSE_KIND],
  message: 'service image uses the latest tag (explicitly or by omission)',
  remediation: 'Pin the image to a version tag and digest.',
  frameworks: { 'cis-docker-1.6': ['5.28'], 'nist-800-190': ['3.1.5'] },
  run(r) {
    const s = service(r);
    const image = typeof s.image === 'string' ? s.image : undefined;
    if (!image || s.build !== undefined || image.includes('$')) return [];
    return usesLatest(parseImageRef(image))
      ? [{ message: `service ${r.name} image ${image} uses the latest tag`, path: ['image'] }]
      : [];
  },
};
