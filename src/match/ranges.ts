// Whether one installed version is affected by one stored affected-package entry: OSV range events
// (evaluated as the OSV schema prescribes, after sorting events in the ecosystem's order), explicit
// version lists, and native requirement strings (RubySec, RustSec, Node.js security-wg). Every
// comparison goes through the ecosystem's scheme; a boundary it cannot order is an error for the caller
// to turn into status "unknown", never a silent miss.
import type { AffectedPackage, RangeEvent } from '../vulndb/model.js';
import type { VersionScheme } from '../vulndb/versions/index.js';

export interface RangeVerdict {
  affected: boolean;
  /** the fixes that apply to this version (the fixed event that closes its interval, patched versions above it) */
  fixed: string[];
}

type Data = Omit<AffectedPackage, 'ecosystem' | 'name'>;

function eventVersion(e: RangeEvent): string {
  return 'introduced' in e
    ? e.introduced
    : 'fixed' in e
      ? e.fixed
      : 'last_affected' in e
        ? e.last_affected
        : e.limit;
}

function evalRange(events: RangeEvent[], version: string, s: VersionScheme): RangeVerdict {
  const cmp = (a: string, b: string) => (a === '0' ? (b === '0' ? 0 : -1) : b === '0' ? 1 : s.compare(a, b));
  const sorted = [...events].sort((a, b) => cmp(eventVersion(a), eventVersion(b)));
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

export function evaluate(data: Data, version: string, s: VersionScheme): RangeVerdict {
  const fixed = new Set<string>();
  let affected = false;
  for (const r of data.ranges ?? []) {
    const v = evalRange(r, version, s);
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
    if (!s.satisfies) throw new Error(`${s.name} has no requirement syntax`);
    const holds = (r: string) => s.satisfies!(version, r);
    const vulnerable = req.vulnerable?.length ? req.vulnerable.some(holds) : true;
    const safe = (req.patched ?? []).some(holds) || (req.unaffected ?? []).some(holds);
    if (vulnerable && !safe) {
      affected = true;
      for (const p of req.patched ?? [])
        for (const v of requirementVersions(p)) if (s.valid(v) && s.compare(v, version) > 0) fixed.add(v);
    }
  }
  return { affected, fixed: affected ? [...fixed].sort((a, b) => s.compare(a, b)) : [] };
}
