import type { FunctionCheck, Violation } from '../../engine.js';
import { arr } from '../../k8s/resource.js';
import { COMPOSE_KIND, service } from '../resource.js';

export const composeDevices: FunctionCheck = {
  id: 'PAL-COMPOSE-017',
  title: 'Host device mapped',
  severity: 'medium',
  kinds: [COMPOSE_KIND],
  message: 'service maps a host device',
  description: 'A mapped block or character device gives direct hardware access (disks, /dev/mem, GPUs).',
  remediation: 'Remove devices: entries the service does not need; never map disks.',
  frameworks: { 'cis-docker-1.6': ['5.18'], 'nist-800-190': ['3.4.3'] },
  run(r) {
    const out: Violation[] = [];
    arr(service(r).devices).forEach((d, i) =>
      out.push({
        message: `service ${r.name} maps device ${typeof d === 'string' ? d : JSON.stringify(d)}`,
        path: ['devices', i],
      }),
    );
    return out;
  },
};
