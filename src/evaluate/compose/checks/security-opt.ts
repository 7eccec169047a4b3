import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, securityOpts } from '../resource.js';

const DISABLING = /^(seccomp=unconfined|apparmor=unconfined|label=disable|systempaths=unconfined)$/i;

export const composeSecurityOpt: FunctionCheck = {
  id: 'PAL-COMPOSE-011',
  title: 'seccomp, AppArmor or SELinux disabled',
  severity: 'high',
  kinds: [COMPOSE_KIND],
  message: 'security_opt turns off a kernel security profile',
  description:
    'seccomp:unconfined, apparmor:unconfined and label:disable remove the default kernel filters that stop known escapes.',
  remediation: 'Remove the option, or write a custom profile that allows only what the service needs.',
  frameworks: { 'cis-docker-1.6': ['5.2', '5.3', '5.22'], 'nist-800-190': ['3.4.3'] },
  run: (r) =>
    securityOpts(r)
      .filter((o) => DISABLING.test(o.opt))
      .map((o) => ({ message: `service ${r.name} sets security_opt ${o.opt}`, path: o.path })),
};
