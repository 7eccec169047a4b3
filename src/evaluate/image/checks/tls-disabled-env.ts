import type { FunctionCheck, Violation } from '../../engine.js';
import { tlsDisablingEnv } from '../../dockerfile/checks/tls-disabled-env.js';
import { IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageTlsDisabledEnv: FunctionCheck = {
  id: 'PAL-IMG-011',
  title: 'TLS verification disabled in the image environment',
  severity: 'high',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'Config.Env turns off TLS or checksum verification',
  remediation: 'Remove the variable; add the needed CA to the system trust store instead.',
  frameworks: { 'nist-800-190': ['3.1.2', '3.4.3'] },
  run(r) {
    const out: Violation[] = [];
    (imageOf(r).config.config?.Env ?? []).forEach((e, i) => {
      const eq = e.indexOf('=');
      if (eq > 0 && tlsDisablingEnv(e.slice(0, eq), e.slice(eq + 1)))
        out.push({ message: `Env ${e} disables verification`, path: ['config', 'Env', i] });
    });
    return out;
  },
};
