import type { FunctionCheck } from '../../engine.js';
import { forVolumes, WORKLOAD_KINDS } from '../resource.js';
import { RESTRICTED_VOLUME_SOURCES } from '../pss.js';

export const volumeTypes: FunctionCheck = {
  id: 'PAL-K8S-013',
  title: 'Volume type not allowed by the restricted profile',
  severity: 'low',
  kinds: WORKLOAD_KINDS,
  message: 'pod uses a volume type outside the restricted set',
  description: `Restricted allows only these inline volume sources: ${[...RESTRICTED_VOLUME_SOURCES].join(', ')}.`,
  remediation: 'Use a PersistentVolumeClaim for other storage, defined by a cluster administrator.',
  frameworks: { 'pss-restricted': ['Volume Types'], 'nist-800-190': ['3.4.3'] },
  run: (r) =>
    forVolumes(r, (v, name, path) => {
      const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
      if (sources.some((s) => RESTRICTED_VOLUME_SOURCES.has(s))) return undefined;
      return {
        message: `volume "${name}" uses restricted volume type ${sources[0] ?? 'unknown'}`,
        path: [...path, ...(sources[0] ? [sources[0]] : [])],
      };
    }),
};
