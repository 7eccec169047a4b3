// Turns matched advisory rows into findings: rows that share an id or alias become one finding per
// package (GHSA-x, CVE-y, PYSEC-z that describe one flaw are reported once), with the primary id chosen
// by a fixed preference, severity taken from the vendor first, then GitHub's rating, then CVSS.
import type { Package, Severity, VulnerabilityFinding } from '../core/types.js';
import { cvssSeverity } from '../vulndb/cvss.js';
import type { VulnDetails } from '../vulndb/details.js';
import type { AdvisoryRow } from '../vulndb/match-index.js';

export interface Match {
  row: AdvisoryRow;
  status: VulnerabilityFinding['status'];
  fixed: string[];
  /** the distro's own rating for this package (Debian urgency) */
  vendorSeverity?: Severity;
  vendor?: string;
}

/** Unions matches whose ids/aliases overlap. */
export function groupMatches(matches: Match[]): { ids: string[]; matches: Match[] }[] {
  if (matches.length === 1) {
    const r = matches[0]!.row;
    return [
      { ids: [...new Set([r.id, ...(r.aliases ? r.aliases.split(' ') : [])])], matches: matches.slice() },
    ];
  }
  const keys = matches.map((m) => [m.row.id, ...(m.row.aliases ? m.row.aliases.split(' ') : [])]);
  const parent = matches.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  keys.forEach((ks, i) => {
    for (const k of ks) {
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, { ids: Set<string>; matches: Match[] }>();
  matches.forEach((m, i) => {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { ids: new Set(), matches: [] }));
    keys[i]!.forEach((k) => g!.ids.add(k));
    g.matches.push(m);
  });
  return [...groups.values()].map((g) => ({ ids: [...g.ids], matches: g.matches }));
}

// GHSA first (the cross-ecosystem id users search for), then the ecosystem databases, then CVE
const PREFERENCE = [/^GHSA-/, /^(GO|RUSTSEC|PYSEC|NSWG|OSV)-/, /^CVE-/];

export function primaryId(matchedIds: string[], allIds: string[]): string {
  for (const re of PREFERENCE) {
    const hit = matchedIds.find((i) => re.test(i));
    if (hit) return hit;
  }
  return matchedIds[0] ?? allIds[0]!;
}

const STATUS_ORDER: VulnerabilityFinding['status'][] = [
  'affected',
  'will_not_fix',
  'unknown',
  'fixed',
  'not_affected',
];

/**
 * Everything about a finding that does not depend on which package has it, computed once per group and
 * shared by every package with the same verdict (the binaries of one source, one library installed in
 * several places). Each finding owns what it holds, as later stages may change findings: instantiate()
 * gives an array to the first finding that takes it and copies of it to the others (most templates
 * serve one finding: copying every time was a fifth of matching).
 */
export interface FindingTemplate {
  id: string;
  severity: Severity;
  status: VulnerabilityFinding['status'];
  summary?: string;
  aliases?: string[];
  severitySource?: string;
  fixedVersions?: string[];
  cvss?: NonNullable<VulnerabilityFinding['cvss']>;
  kev?: true;
  references?: string[];
}

export function findingTemplate(
  group: { ids: string[]; matches: Match[] },
  details: VulnDetails,
): FindingTemplate {
  const id = primaryId(
    group.matches.map((m) => m.row.id),
    group.ids,
  );
  const status = STATUS_ORDER.find((s) => group.matches.some((m) => m.status === s)) ?? 'affected';
  const fixed: string[] = [];
  for (const m of group.matches)
    if (m.status === status) for (const f of m.fixed) if (!fixed.includes(f)) fixed.push(f);
  const vendor = group.matches.find((m) => m.vendorSeverity);
  const vendorRow = group.matches.find((m) => m.row.severity && m.row.severity_source !== 'ghsa');
  const ghsaRow = group.matches.find((m) => m.row.severity && m.row.severity_source === 'ghsa');
  let severity: Severity = 'unknown';
  let severitySource: string | undefined;
  if (vendor?.vendorSeverity) [severity, severitySource] = [vendor.vendorSeverity, vendor.vendor];
  else if (vendorRow?.row.severity)
    [severity, severitySource] = [vendorRow.row.severity, vendorRow.row.severity_source!];
  else if (ghsaRow?.row.severity) [severity, severitySource] = [ghsaRow.row.severity, 'ghsa'];
  else if (details.ghsaSeverity) [severity, severitySource] = [details.ghsaSeverity, 'ghsa'];
  else {
    const best = bestCvss(details.cvss);
    if (best) [severity, severitySource] = [cvssSeverity(best.score, best.version), `cvss${best.version}`];
  }
  const t: FindingTemplate = { id, severity, status };
  if (details.summary) t.summary = details.summary;
  const aliases = group.ids.filter((i) => i !== id);
  if (aliases.length > 1) aliases.sort();
  if (aliases.length) t.aliases = aliases;
  if (severitySource) t.severitySource = severitySource;
  if (fixed.length) t.fixedVersions = fixed;
  if (details.cvss.length)
    t.cvss = details.cvss.map((c) => ({
      version: c.version,
      vector: c.vector ?? '',
      score: c.score,
      ...(c.source ? { source: c.source } : {}),
    }));
  if (details.kev) t.kev = true;
  if (details.references.length) t.references = details.references;
  return t;
}

/**
 * `taken`: the arrays a finding of this batch already holds (shared by every instantiate() call of
 * one batch, whose templates share arrays, e.g. an advisory's references).
 */
export function instantiate(
  t: FindingTemplate,
  pkg: Package,
  dataSource: string,
  taken: Set<unknown[]>,
): VulnerabilityFinding {
  const own = <T>(a: T[], copy: (a: T[]) => T[]): T[] => {
    if (!taken.has(a)) {
      taken.add(a);
      return a;
    }
    return copy(a);
  };
  const f: VulnerabilityFinding = {
    kind: 'vulnerability',
    id: t.id,
    title: t.summary ?? `${t.id} in ${pkg.name}`,
    severity: t.severity,
    pkg: {
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      ecosystem: pkg.ecosystem,
      ...(pkg.source ? { source: pkg.source } : {}),
    },
    status: t.status,
    dataSource,
  };
  if (t.aliases) f.aliases = own(t.aliases, copyList);
  if (t.severitySource) f.severitySource = t.severitySource;
  if (t.fixedVersions) f.fixedVersions = own(t.fixedVersions, copyList);
  if (t.cvss) f.cvss = own(t.cvss, (a) => a.map((c) => ({ ...c })));
  if (t.kev) f.kev = true;
  if (t.references) f.references = own(t.references, copyList);
  const loc = pkg.locations[0];
  if (loc) f.location = { ...loc };
  if (pkg.locations.length) f.locations = pkg.locations.map((l) => ({ ...l }));
  return f;
}

const copyList = <T>(a: T[]): T[] => a.slice();

function bestCvss(list: VulnDetails['cvss']): VulnDetails['cvss'][number] | undefined {
  if (list.length < 2) return list[0];
  const rank = (v: string) => (v.startsWith('4') ? 3 : v.startsWith('3') ? 2 : 1);
  return [...list].sort((a, b) => rank(b.version) - rank(a.version) || b.score - a.score)[0];
}
