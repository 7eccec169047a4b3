import type { FunctionCheck } from '../../engine.js';
import { parseImageRef, usesLatest } from '../../image-ref.js';
import { IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

const BASE_LABEL = 'org.opencontainers.image.base.name';

export const imageLatestBase: FunctionCheck = {
  id: 'PAL-IMG-007',
  title: 'Built from a latest base image',
  severity: 'medium',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'the image records a base image with the latest tag',
  description: `Read from the ${BASE_LABEL} label (set by BuildKit and most CI builders).`,
  remediation: 'Build from a pinned base: FROM image:version@sha256:…',
  frameworks: { 'cis-docker-1.6': ['4.2'], 'nist-800-190': ['3.1.5'] },
  run(r) {
    const base = imageOf(r).config.config?.Labels?.[BASE_LABEL];
    if (!base) return [];
    return usesLatest(parseImageRef(base))
      ? [{ message: `base image ${base} uses the latest tag`, path: ['config', 'Labels', BASE_LABEL] }]
      : [];
  },
};
