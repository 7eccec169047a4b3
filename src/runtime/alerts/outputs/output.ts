// An alert sink. `write` never blocks the agent: sinks that do I/O queue and count what they drop.
import type { Alert } from '../alert.js';

export interface AlertOutput {
  readonly name: string;
  write(a: Alert): void;
  /** flush what is queued (bounded wait) and release resources */
  close(): Promise<void>;
  stats(): Record<string, number>;
}
