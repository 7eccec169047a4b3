// The last N events of each container (and of the host), summarised, for an alert's evidence record:
// what the container did just before the rule fired.
import type { RuntimeEvent } from '../event.js';

export interface EventSummary {
  time: string;
  type: string;
  pid?: number;
  proc?: string;
  cmdline?: string;
  target?: string;
  res?: number;
}

export function summarize(e: RuntimeEvent): EventSummary {
  const target =
    e.fd?.name ?? (e.args?.filename as string | undefined) ?? (e.args?.exec_cmd as string | undefined);
  return {
    time: new Date(e.ts).toISOString(),
    type: e.type,
    ...(e.proc ? { pid: e.proc.pid } : {}),
    ...(e.proc?.name ? { proc: e.proc.name } : {}),
    ...(e.proc?.args ? { cmdline: e.proc.args.join(' ').slice(0, 512) } : {}),
    ...(target ? { target } : {}),
    ...(e.res !== undefined ? { res: e.res } : {}),
  };
}

export class RecentEvents {
  private readonly rings = new Map<string, EventSummary[]>();
  constructor(
    private readonly perContainer = 32,
    private readonly maxContainers = 2048,
  ) {}

  add(e: RuntimeEvent): void {
    const key = e.container?.id ?? 'host';
    let r = this.rings.get(key);
    if (!r) {
      r = [];
      this.rings.set(key, r);
      if (this.rings.size > this.maxContainers) this.rings.delete(this.rings.keys().next().value!);
    }
    r.push(summarize(e));
    if (r.length > this.perContainer) r.shift();
  }

  of(containerId: string | undefined): EventSummary[] {
    return [...(this.rings.get(containerId ?? 'host') ?? [])];
  }
}
