// Whether one installed version is affected by one stored affected-package entry: OSV range events
// (evaluated as the OSV schema prescribes, after sorting events in the ecosystem's order), explicit
// version lists, and native requirement strings (RubySec, RustSec, Node.js security-wg). Every
// comparison goes through the ecosystem's scheme; a boundary it cannot order is an error for the caller
// to turn into status "unknown", never a silent miss.
import { orderEvents, requirementsAffect, type MatchData } from '../vulndb/match-index.js';
import type { RangeEvent } from '../vulndb/model.js';
import type { VersionScheme } from '../vulndb/versions/index.js';

export interface RangeVerdict {
  affected: boolean;
  /** the fixes that apply to this version (the fixed event that closes its interval, patched versions above it) */
  fixed: string[];
}

/** `ordered`: the events are already in the scheme's order (the match index sorts them once). */
function evalRange(events: RangeEvent[], version: string, s: VersionScheme, ordered: boolean): RangeVerdict {
  const sorted = ordered ? events : orderEvents(events, s);
  let affected = false;
  let fixed: string[] = [];
  for (const e of sorted) {
    if ('introduced' in e) {
      if (e.introduced === '0' || s.compare(version, e.introduced) >= 0) affected = true;
    } else if ('fixed' in e) {
      if (s.compare(version, e.fixed) >= 0) affected = false;
      else if (affected && !fixed.length) fixed = [e.fixed];
    } else if ('last_affected' in e) {
      if (s.compare(version, e.last_affected) > 0) affected = false;
    } else if (e.limit !== '*' && s.compare(version, e.limit) >= 0) affected = false;
  }
  return { affected, fixed: affected ? fixed : [] };
}

/** Lower bounds named in requirement strings (">= 1.2.3", "~> 3.25.5", "^8.1.4 || ^7.10.1"). */
export function requirementVersions(req: string): string[] {
  return [...req.matchAll(/(?:^|[\s,|(])(?:>=|~>|\^|~=|~|==?|\[)?\s*v?(\d[0-9A-Za-z.+-]*)/g)]
    .filter((m) => !/(<|!=)\s*v?$/.test(req.slice(0, m.index + m[0].length - m[1]!.length)))
    .map((m) => m[1]!.replace(/[,)\]]+$/, ''));
}

export function evaluate(data: MatchData, version: string, s: VersionScheme): RangeVerdict {
  const fixed = new Set<string>();
  let affected = false;
  for (const r of data.ranges ?? []) {
    const v = evalRange(r, version, s, !!data.ordered);
    if (v.affected) {
      affected = true;
      v.fixed.forEach((f) => fixed.add(f));
    }
  }
  // OSV's versions[] enumerates what the ranges already say (PyPA lists thousands): it decides only for
  // entries without ranges (their GIT ranges were dropped at import)
  if (
    !affected &&
    !data.ranges?.length &&
    data.versions?.some((x) => x === version || (s.valid(x) && s.compare(x, version) === 0))
  )
    affected = true;
  const req = data.requirements;
  if (req) {
    if (requirementsAffect(req, version, s)) {
      affected = true;
      for (const p of req.patched ?? [])
        for (const v of requirementVersions(p)) if (s.valid(v) && s.compare(v, version) > 0) fixed.add(v);
    }
  }
  return { affected, fixed: affected ? [...fixed].sort((a, b) => s.compare(a, b)) : [] };
}
