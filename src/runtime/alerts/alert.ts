// The alert record every output writes: Falco's JSON output fields (time, rule, priority, source,
// output, output_fields, tags, hostname) plus the container and process facts responders ask for.
import type { AncestorInfo, ContainerInfo, RuntimeEvent } from '../event.js';
import type { RuleMatch } from '../rules/engine.js';
import type { Priority } from '../rules/ruleset.js';

export interface Alert {
  time: string;
  rule: string;
  /** Falco's spelling: Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug */
  priority: string;
  source: string;
  output: string;
  output_fields: Record<string, string | number | boolean | null>;
  tags: string[];
  hostname?: string;
  sensor?: string;
  container?: ContainerInfo | null;
  proc?: {
    pid: number;
    name?: string;
    exepath?: string;
    cmdline?: string;
    uid?: number;
    sha256?: string;
    ancestors?: AncestorInfo[];
  };
  /** alerts of the same rule and container folded into this one since the previous (dedup/rate limit) */
  suppressed?: number;
}

export function falcoPriority(p: Priority): string {
  return p.charAt(0) + p.slice(1).toLowerCase();
}

export function alertFromMatch(m: RuleMatch): Alert {
  const e: RuntimeEvent = m.event;
  const p = e.proc;
  return {
    time: new Date(e.ts).toISOString(),
    rule: m.rule,
    priority: falcoPriority(m.priority),
    source: m.source,
    output: m.output,
    output_fields: m.outputFields,
    tags: m.tags,
    ...(e.hostname ? { hostname: e.hostname } : {}),
    ...(e.sensor ? { sensor: e.sensor } : {}),
    ...(e.container !== undefined ? { container: e.container } : {}),
    ...(p
      ? {
          proc: {
            pid: p.pid,
            ...(p.name !== undefined ? { name: p.name } : {}),
            ...(p.exepath !== undefined ? { exepath: p.exepath } : {}),
            ...(p.args ? { cmdline: p.args.join(' ') } : {}),
            ...(p.uid !== undefined ? { uid: p.uid } : {}),
            ...(p.exeSha256 ? { sha256: p.exeSha256 } : {}),
            ...(p.ancestors?.length ? { ancestors: p.ancestors } : {}),
          },
        }
      : {}),
  };
}
