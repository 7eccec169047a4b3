import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck } from '../../engine.js';
import { obj, podOf, str, WORKLOAD_KINDS } from '../resource.js';
import { eachSecurityContextField, SELINUX_TYPES } from '../pss.js';

export const seLinux: FunctionCheck = {
  id: 'PAL-K8S-007',
  title: 'Custom SELinux options',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'seLinuxOptions set a forbidden type, user or role',
  description:
    'Baseline allows seLinuxOptions.type container_t, container_init_t, container_kvm_t, container_engine_t or empty, and no user or role.',
  remediation: 'Remove seLinuxOptions.user and .role, and use an allowed type or none.',
  frameworks: {
    'pss-baseline': ['SELinux'],
    ...POD_HARDENING,
  },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    return eachSecurityContextField(pod, 'seLinuxOptions', (v, path, who) => {
      const o = obj(v);
      const bad: string[] = [];
      const type = str(o.type) ?? '';
      if (!SELINUX_TYPES.has(type)) bad.push(`type "${type}"`);
      if ((str(o.user) ?? '') !== '') bad.push('user');
      if ((str(o.role) ?? '') !== '') bad.push('role');
      if (!bad.length) return undefined;
      const field = !SELINUX_TYPES.has(type) ? 'type' : (str(o.user) ?? '') !== '' ? 'user' : 'role';
      return { message: `${who} sets forbidden seLinuxOptions ${bad.join(', ')}`, path: [...path, field] };
    });
  },
};
