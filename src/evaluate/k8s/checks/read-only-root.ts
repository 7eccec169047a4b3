import type { FunctionCheck } from '../../engine.js';
import { forContainers, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext, settingPath } from '../pss.js';

export const readOnlyRootFilesystem: FunctionCheck = {
  id: 'PAL-K8S-046',
  title: 'Root file system is writable',
  severity: 'low',
  kinds: WORKLOAD_KINDS,
  message: 'container does not set readOnlyRootFilesystem=true',
  description:
    'A writable root file system lets an intruder drop tools and persist changes inside the container.',
  remediation:
    'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the app writes.',
  frameworks: {
    'cis-docker-1.6': ['5.13'],
    'nsa-cisa-1.2': ['Pod security: immutable container file systems'],
    'nist-800-190': ['3.4.3'],
  },
  run: (r) =>
    forContainers(
      r,
      (c) =>
        containerSecurityContext(c).sc.readOnlyRootFilesystem === true
          ? undefined
          : {
              message: `container "${c.name}" has a writable root file system`,
              path: settingPath(c, 'readOnlyRootFilesystem'),
            },
      { skipEphemeral: true },
    ),
};
