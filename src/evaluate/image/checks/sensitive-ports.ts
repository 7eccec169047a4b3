import type { FunctionCheck, Violation } from '../../engine.js';
import { sensitivePort } from '../../ports.js';
import { IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageSensitivePorts: FunctionCheck = {
  id: 'PAL-IMG-003',
  title: 'Sensitive port exposed by the image',
  severity: 'medium',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'the image exposes a remote-administration or database port',
  remediation: 'Remove the EXPOSE; publish administration ports only on trusted networks, if at all.',
  frameworks: { 'cis-docker-1.6': ['5.7', '5.9'], 'nist-800-190': ['3.1.2', '3.4.2'] },
  run(r) {
    const out: Violation[] = [];
    for (const key of Object.keys(imageOf(r).config.config?.ExposedPorts ?? {})) {
      const port = Number(key.split('/')[0]);
      const what = sensitivePort(port);
      if (what)
        out.push({ message: `image exposes ${key} (${what})`, path: ['config', 'ExposedPorts', key] });
    }
    return out;
  },
};
