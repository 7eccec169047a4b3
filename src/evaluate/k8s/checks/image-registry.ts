import type { FunctionCheck } from '../../engine.js';
import { forContainers, str, WORKLOAD_KINDS } from '../resource.js';
import { parseImageRef, registryAllowed } from '../../image-ref.js';

export const imageRegistry: FunctionCheck = {
  id: 'PAL-K8S-037',
  title: 'Image from a registry outside the allow list',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'image comes from a registry that is not allowed',
  description:
    'Runs only when an allow list is configured (--allowed-registries): images must come from those registries or prefixes.',
  remediation: 'Mirror the image into an allowed registry and reference it from there.',
  frameworks: { 'cis-k8s-1.12': ['5.5.1'], 'nist-800-190': ['3.1.5'] },
  run(r, ctx) {
    const allowed = ctx.options.allowedRegistries;
    if (!allowed?.length) return [];
    return forContainers(r, (c) => {
      const image = str(c.c.image);
      if (!image || registryAllowed(parseImageRef(image), allowed)) return undefined;
      return {
        message: `container "${c.name}" image ${image} is not from ${allowed.join(', ')}`,
        path: [...c.path, 'image'],
      };
    });
  },
};
