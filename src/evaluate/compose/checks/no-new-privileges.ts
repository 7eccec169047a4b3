import type { FunctionCheck } from '../../engine.js';
import { COMPOSE_KIND, securityOpts } from '../resource.js';

export const composeNoNewPrivileges: FunctionCheck = {
  id: 'PAL-COMPOSE-013',
  title: 'no-new-privileges not set',
  severity: 'low',
  kinds: [COMPOSE_KIND],
  message: 'processes in the service can gain privileges through setuid binaries',
  remediation: 'Add security_opt: ["no-new-privileges:true"].',
  frameworks: { 'cis-docker-1.6': ['5.26'], 'nist-800-190': ['3.4.3'] },
  run: (r) =>
    securityOpts(r).some((o) => /^no-new-privileges(=true)?$/i.test(o.opt))
      ? []
      : [{ message: `service ${r.name} does not set no-new-privileges` }],
};
