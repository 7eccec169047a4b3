import type { FunctionCheck, Violation } from '../../engine.js';
import { parseImageRef, registryAllowed } from '../../image-ref.js';
import { containersOf, podOf, str, WORKLOAD_KINDS } from '../resource.js';

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
    const pod = podOf(r);
    if (!pod || !allowed?.length) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      const image = str(c.c.image);
      if (image && !registryAllowed(parseImageRef(image), allowed))
        out.push({
          message: `container "${c.name}" image ${image} is not from ${allowed.join(', ')}`,
          path: [...c.path, 'image'],
        });
    }
    return out;
  },
};
