import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { obj, podOf, str, WORKLOAD_KINDS } from '../resource.js';
import { eachSecurityContextField, SECCOMP_ALLOWED } from '../pss.js';

export const seccompBaseline: FunctionCheck = {
  id: 'PAL-K8S-009',
  title: 'Seccomp profile set to Unconfined',
  severity: 'high',
  kinds: WORKLOAD_KINDS,
  message: 'seccomp profile is explicitly disabled',
  description: 'Baseline forbids seccompProfile.type other than RuntimeDefault or Localhost where it is set.',
  remediation: 'Set seccompProfile.type to RuntimeDefault (or Localhost), or leave it unset.',
  frameworks: {
    'pss-baseline': ['Seccomp'],
    'cis-k8s-1.12': ['5.6.2'],
    ...POD_HARDENING,
  },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    return eachSecurityContextField(pod, 'seccompProfile', (v, path, who) => {
      const type = str(obj(v).type) ?? '';
      return SECCOMP_ALLOWED.has(type)
        ? undefined
        : { message: `${who} sets seccompProfile.type "${type}"`, path: [...path, 'type'] };
    });
  },
};
