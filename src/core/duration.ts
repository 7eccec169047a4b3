// Durations on the command line (--db-max-age and the like). Its own module so that parsing flags does
// not load the vulnerability database code.
import { PalisadeError } from './errors.js';

/** "30d", "12h", "90m", "2w" → milliseconds. */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(w|d|h|m|s)$/i.exec(s.trim());
  if (!m)
    throw new PalisadeError(
      'USAGE',
      `duration ${JSON.stringify(s)}: expected a number and a unit (e.g. 7d, 12h)`,
    );
  const unit = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[
    m[2]!.toLowerCase() as 'd'
  ];
  return Number(m[1]) * unit;
}
