// The `vulnerabilities` of a CycloneDX 1.6 BOM, beside the SBOM that cyclonedx.ts builds with the
// CycloneDX library: one entry per (vulnerability, analysis) with ratings (the vendor's severity and
// every CVSS vector), the affected components by bom-ref (the purl), the fixed versions as a
// recommendation, and — for findings a VEX statement or the ignore file suppressed — an `analysis`
// saying so, which makes the BOM a CycloneDX VEX.
//
// Written as plain JSON in the 1.6 schema's shape rather than through the library's model: for 5,000
// findings the model and its normaliser cost ~10× the time of the rest of the report, and the strict
// schema validation in the tests checks this output as it checks the library's.
import type { Report, Severity, SuppressedFinding, VulnerabilityFinding } from '../core/types.js';
import { cdxJustification } from '../match/vex.js';
import { helpUri, suppressionText } from './common.js';

type Json = Record<string, unknown>;

function method(version: string): string {
  if (version.startsWith('4')) return 'CVSSv4';
  if (version === '3.1') return 'CVSSv31';
  if (version.startsWith('3')) return 'CVSSv3';
  if (version.startsWith('2')) return 'CVSSv2';
  return 'other';
}

function cvssSeverity(score: number): string {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

const SEVERITY: Record<Severity, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  unknown: 'unknown',
};

type VulnLike = VulnerabilityFinding | (VulnerabilityFinding & SuppressedFinding);

interface Analysis {
  state?: string;
  justification?: string;
  response?: string[];
  detail?: string;
}

function analysisOf(f: VulnLike): Analysis | undefined {
  if ('suppression' in f) {
    const s = f.suppression;
    if (s.by === 'vex' && (s.status === 'not_affected' || s.status === 'fixed')) {
      const j = s.status === 'not_affected' ? cdxJustification(s.justification) : undefined;
      return {
        state: s.status === 'fixed' ? 'resolved' : 'not_affected',
        ...(j ? { justification: j } : {}),
        detail: suppressionText(s),
      };
    }
    // an accepted risk is not a claim about exploitability: say who accepted it, set no state
    return { detail: suppressionText(s) };
  }
  if (f.status === 'will_not_fix')
    return { response: ['will_not_fix'], detail: 'the distribution will not fix this vulnerability' };
  if (f.fixedVersions?.length && f.status === 'affected') return { response: ['update'] };
  return undefined;
}

function newEntry(f: VulnLike, analysis: Analysis | undefined, n: number): Json {
  const ratings: Json[] = [];
  if (f.severity !== 'unknown' || !f.cvss?.length)
    ratings.push({
      source: { name: f.severitySource ?? 'palisade' },
      severity: SEVERITY[f.severity],
      method: 'other',
    });
  for (const c of f.cvss ?? [])
    ratings.push({
      source: { name: c.source ?? 'nvd' },
      score: c.score,
      severity: cvssSeverity(c.score),
      method: method(c.version),
      ...(c.vector ? { vector: c.vector } : {}),
    });
  const v: Json = {
    'bom-ref': n ? `${f.id}#${n}` : f.id,
    id: f.id,
    source: { name: f.dataSource ?? f.severitySource ?? 'palisade', url: helpUri(f) },
  };
  if (f.aliases?.length)
    v.references = f.aliases.map((a) => ({
      id: a,
      source: { url: `https://osv.dev/vulnerability/${encodeURIComponent(a)}` },
    }));
  if (ratings.length) v.ratings = ratings;
  v.description = f.title;
  if (f.description) v.detail = f.description;
  const advisories = (f.references ?? []).filter((r) => /^https?:\/\//.test(r)).map((url) => ({ url }));
  if (advisories.length) v.advisories = advisories;
  if (analysis) v.analysis = analysis;
  v.affects = [];
  if (f.kev) v.properties = [{ name: 'palisade:kev', value: 'true' }];
  return v;
}

/** The report's vulnerability findings (reported and suppressed) as CycloneDX 1.6 `vulnerabilities`. */
export function cyclonedxVulnerabilities(report: Report): Json[] {
  const all = [...report.findings, ...(report.suppressed ?? [])].filter(
    (f): f is VulnLike => f.kind === 'vulnerability',
  );
  const byKey = new Map<string, { v: Json; fixes: string[] }>();
  const perId = new Map<string, number>();
  // (entry key, purl) pairs already listed in an entry's `affects`
  const listed = new Set<string>();
  for (const f of all) {
    const analysis = analysisOf(f);
    const key = analysis
      ? `${f.id}\0${analysis.state ?? ''}\0${analysis.justification ?? ''}\0${analysis.response?.join(',') ?? ''}\0${analysis.detail ?? ''}`
      : f.id;
    let e = byKey.get(key);
    if (!e) {
      const n = perId.get(f.id) ?? 0;
      perId.set(f.id, n + 1);
      e = { v: newEntry(f, analysis, n), fixes: [] };
      byKey.set(key, e);
    }
    const pair = `${key}\0${f.pkg.purl}`;
    if (!listed.has(pair)) {
      listed.add(pair);
      const unaffected = 'suppression' in f && f.suppression.by === 'vex';
      (e.v.affects as Json[]).push({
        ref: f.pkg.purl,
        versions: [{ version: f.pkg.version, status: unaffected ? 'unaffected' : 'affected' }],
      });
    }
    if (f.fixedVersions?.length) {
      const rec = `Upgrade ${f.pkg.name} to ${f.fixedVersions.join(' or ')}`;
      if (!e.fixes.includes(rec)) e.fixes.push(rec);
    }
  }
  const out: Json[] = [];
  for (const e of byKey.values()) {
    if (e.fixes.length) e.v.recommendation = e.fixes.join('; ');
    (e.v.affects as Json[]).sort((a, b) => ((a.ref as string) < (b.ref as string) ? -1 : 1));
    out.push(e.v);
  }
  return out.sort((a, b) => ((a['bom-ref'] as string) < (b['bom-ref'] as string) ? -1 : 1));
}
