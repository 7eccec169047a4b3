// Shared by the requests and limits checks.
import type { Resource, Violation } from '../engine.js';
import { forContainers, obj } from './resource.js';

/** Containers (not ephemeral ones) whose resources.<kind> lacks cpu or memory. */
export function missingResources(r: Resource, kind: 'requests' | 'limits'): Violation[] {
  const noun = kind === 'requests' ? 'request' : 'limit';
  return forContainers(
    r,
    (c) => {
      const set = obj(obj(c.c.resources)[kind]);
      const missing = ['cpu', 'memory'].filter((k) => set[k] === undefined || set[k] === null);
      if (!missing.length) return undefined;
      return {
        message: `container "${c.name}" has no ${missing.join(' or ')} ${noun}`,
        path: [...c.path, ...(c.c.resources ? ['resources'] : [])],
      };
    },
    { skipEphemeral: true },
  );
}
