// Turns matched advisory rows into findings: rows that share an id or alias become one finding per
// package (GHSA-x, CVE-y, PYSEC-z that describe one flaw are reported once), with the primary id chosen
// by a fixed preference, severity taken from the vendor first, then GitHub's rating, then CVSS.
import type { Package, Severity, VulnerabilityFinding } from '../core/types.js';
import { cvssSeverity } from '../vulndb/cvss.js';
import type { AdvisoryFacts, AdvisoryRow, VulnDetails } from '../vulndb/store.js';

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

export function buildFinding(
  pkg: Package,
  group: { ids: string[]; matches: Match[] },
  details: VulnDetails,
  dataSources: string[],
): VulnerabilityFinding {
  const id = primaryId(
    group.matches.map((m) => m.row.id),
    group.ids,
  );
  const status = STATUS_ORDER.find((s) => group.matches.some((m) => m.status === s)) ?? 'affected';
  const fixed = [...new Set(group.matches.filter((m) => m.status === status).flatMap((m) => m.fixed))];
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
  const loc = pkg.locations[0];
  const f: VulnerabilityFinding = {
    kind: 'vulnerability',
    id,
    title: details.summary ?? `${id} in ${pkg.name}`,
    severity,
    pkg: {
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      ecosystem: pkg.ecosystem,
      ...(pkg.source ? { source: pkg.source } : {}),
    },
    status,
    dataSource: dataSources.join(','),
  };
  const aliases = group.ids.filter((i) => i !== id).sort();
  if (aliases.length) f.aliases = aliases;
  if (severitySource) f.severitySource = severitySource;
  if (fixed.length) f.fixedVersions = fixed;
  if (details.cvss.length)
    f.cvss = details.cvss.map((c) => ({
      version: c.version,
      vector: c.vector ?? '',
      score: c.score,
      ...(c.source ? { source: c.source } : {}),
    }));
  if (details.kev) f.kev = true;
  if (details.references.length) f.references = details.references;
  if (loc) f.location = { ...loc };
  if (pkg.locations.length) f.locations = pkg.locations.map((l) => ({ ...l }));
  return f;
}

function bestCvss(list: VulnDetails['cvss']): VulnDetails['cvss'][number] | undefined {
  const rank = (v: string) => (v.startsWith('4') ? 3 : v.startsWith('3') ? 2 : 1);
  return [...list].sort((a, b) => rank(b.version) - rank(a.version) || b.score - a.score)[0];
}

/** Everything known about one vulnerability, from all advisories that describe it. */
export function assembleDetails(rows: AdvisoryRow[], ids: string[], facts: AdvisoryFacts): VulnDetails {
  const cvss: VulnDetails['cvss'] = [];
  const seen = new Set<string>();
  const refs = new Set<string>();
  let summary: string | undefined;
  let ghsaSeverity: Severity | undefined;
  const done = new Set<number>();
  for (const r of rows) {
    if (done.has(r.rowid)) continue;
    done.add(r.rowid);
    for (const c of facts.cvss.get(r.rowid) ?? []) {
      const k = `${c.version}|${c.vector ?? c.score}`;
      if (!seen.has(k)) {
        seen.add(k);
        cvss.push(c);
      }
    }
    for (const u of facts.refs.get(r.rowid) ?? []) refs.add(u);
    summary ??= facts.summary.get(r.rowid);
    if (r.severity_source === 'ghsa' && r.severity) ghsaSeverity ??= r.severity;
  }
  return {
    aliases: [],
    cvss,
    references: [...refs],
    kev: ids.some((i) => facts.kev.has(i)),
    ...(ghsaSeverity ? { ghsaSeverity } : {}),
    ...(summary ? { summary } : {}),
  };
}
