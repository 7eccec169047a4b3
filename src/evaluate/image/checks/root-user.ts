import type { FunctionCheck } from '../../engine.js';
import { isRootUser } from '../../dockerfile/checks/root-user.js';
import { IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageRootUser: FunctionCheck = {
  id: 'PAL-IMG-001',
  title: 'Image runs as root',
  severity: 'high',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'the image config sets no non-root user',
  description: 'Config.User is empty, root or 0: containers start as root unless the runtime overrides it.',
  remediation: 'Rebuild with `USER <uid>` (a non-zero UID) at the end of the Dockerfile.',
  frameworks: { 'cis-docker-1.6': ['4.1'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    const user = imageOf(r).config.config?.User ?? '';
    return isRootUser(user)
      ? [
          {
            message: user ? `image user is ${user}` : 'image sets no user: runs as root',
            path: ['config', 'User'],
          },
        ]
      : [];
  },
};
