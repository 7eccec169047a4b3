import type { FunctionCheck, Violation } from '../../engine.js';
import { containersOf, podOf, WORKLOAD_KINDS } from '../resource.js';
import { containerSecurityContext } from '../pss.js';

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
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      if (c.type === 'ephemeralContainers') continue;
      const s = containerSecurityContext(c);
      if (s.sc.readOnlyRootFilesystem !== true)
        out.push({
          message: `container "${c.name}" has a writable root file system`,
          path:
            s.sc.readOnlyRootFilesystem !== undefined
              ? [...s.path, 'readOnlyRootFilesystem']
              : s.set
                ? s.path
                : c.path,
        });
    }
    return out;
  },
};
