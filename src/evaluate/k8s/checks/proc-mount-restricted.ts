import type { FunctionCheck } from '../../engine.js';
import { podOf, WORKLOAD_KINDS } from '../resource.js';
import { unmaskedProcMounts } from './proc-mount.js';

export const procMountRestricted: FunctionCheck = {
  id: 'PAL-K8S-019',
  title: 'Unmasked /proc mount (restricted)',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'container unmasks /proc',
  description:
    'Restricted requires procMount Default or unset for every pod, including pods in a user namespace.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  frameworks: { 'pss-restricted': ['/proc Mount Type'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const pod = podOf(r);
    return pod ? unmaskedProcMounts(pod) : [];
  },
};
