import type { FunctionCheck } from '../../engine.js';
import { obj, podOf, WORKLOAD_KINDS } from '../resource.js';
import { eachSecurityContextField } from '../pss.js';

export const windowsHostProcess: FunctionCheck = {
  id: 'PAL-K8S-011',
  title: 'Windows HostProcess container',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'pod runs a Windows HostProcess container',
  description: 'HostProcess containers run directly on the Windows node with host privileges.',
  remediation: 'Remove securityContext.windowsOptions.hostProcess or set it to false.',
  frameworks: { 'pss-baseline': ['HostProcess'], 'cis-k8s-1.12': ['5.2.10'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    return eachSecurityContextField(pod, 'windowsOptions', (v, path, who) =>
      obj(v).hostProcess === true
        ? { message: `${who} sets windowsOptions.hostProcess=true`, path: [...path, 'hostProcess'] }
        : undefined,
    );
  },
};
