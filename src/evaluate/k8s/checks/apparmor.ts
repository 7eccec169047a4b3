import { POD_HARDENING } from '../frameworks.js';
import type { FunctionCheck, Violation } from '../../engine.js';
import { obj, podOf, str, WORKLOAD_KINDS } from '../resource.js';
import { APPARMOR_ALLOWED, APPARMOR_ANNOTATION_PREFIX, eachSecurityContextField } from '../pss.js';

export const appArmor: FunctionCheck = {
  id: 'PAL-K8S-006',
  title: 'AppArmor profile overridden or disabled',
  severity: 'medium',
  kinds: WORKLOAD_KINDS,
  message: 'AppArmor profile is set to an unconfined or unknown value',
  description:
    'Baseline allows appArmorProfile.type RuntimeDefault or Localhost (or unset), and the legacy annotation values runtime/default, localhost/* or empty.',
  remediation:
    'Set appArmorProfile.type to RuntimeDefault (or Localhost with a reviewed profile), or leave it unset.',
  frameworks: {
    'pss-baseline': ['AppArmor'],
    ...POD_HARDENING,
  },
  run(r) {
    const pod = podOf(r);
    if (!pod) return [];
    const out: Violation[] = eachSecurityContextField(pod, 'appArmorProfile', (v, path, who) => {
      const type = str(obj(v).type) ?? '';
      return APPARMOR_ALLOWED.has(type)
        ? undefined
        : { message: `${who} sets AppArmor profile type "${type}"`, path: [...path, 'type'] };
    });
    for (const [k, v] of Object.entries(obj(pod.meta.annotations))) {
      if (!k.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const val = typeof v === 'string' ? v : String(v);
      if (val === '' || val === 'runtime/default' || val.startsWith('localhost/')) continue;
      out.push({
        message: `annotation ${k}="${val}" overrides the AppArmor profile`,
        path: [...pod.metaPath, 'annotations', k],
      });
    }
    return out;
  },
};
