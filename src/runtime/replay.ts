// Recorded event streams: the agent's --record writes enriched events as JSON lines; replaying them
// through a rule engine gives the same matches every time (events are self-contained, no live state).
import { PalisadeError } from '../core/errors.js';
import { isRuntimeEvent, type RuntimeEvent } from './event.js';
import type { RuleEngine, RuleMatch } from './rules/engine.js';

export function parseEventLines(
  text: string,
  name = 'events',
): { events: RuntimeEvent[]; warnings: string[] } {
  const events: RuntimeEvent[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l) continue;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch (e) {
      warnings.push(`${name}:${i + 1}: not JSON (${(e as Error).message})`);
      continue;
    }
    if (!isRuntimeEvent(v)) {
      warnings.push(`${name}:${i + 1}: not an event (needs ts, source, type)`);
      continue;
    }
    events.push(v);
  }
  if (!events.length && warnings.length)
    throw new PalisadeError('INPUT', `${name}: no events (${warnings[0]})`);
  return { events, warnings };
}

export function replay(events: Iterable<RuntimeEvent>, engine: RuleEngine): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const e of events) for (const m of engine.process(e)) out.push(m);
  return out;
}
