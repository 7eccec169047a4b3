// The contract every event source implements. A sensor pushes events through `emit` as it parses them
// and never blocks on the consumer: the agent's queue is bounded and counts what it drops.
import type { RuntimeEvent, SensorName } from '../event.js';

export interface SensorContext {
  emit(e: RuntimeEvent): void;
  /** operational messages for the operator (mounting tracefs, falling back, a source going away) */
  notice(msg: string): void;
}

export interface Sensor {
  readonly name: SensorName;
  /** human description of fidelity, shown at start ("lower fidelity: polling every 250 ms") */
  readonly description: string;
  /** resolves once the sensor is producing events; rejects with a PalisadeError when it cannot run */
  start(ctx: SensorContext): Promise<void>;
  stop(): Promise<void>;
  /** counters: events, dropped (lost in the kernel or by the source), errors … */
  stats(): Record<string, number>;
}
