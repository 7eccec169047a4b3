// The `vulnerabilities` of a CycloneDX 1.6 BOM, added to the SBOM model of cyclonedx.ts: one entry per
// (vulnerability, analysis) with ratings (vendor severity, every CVSS vector), the affected components
// by bom-ref (the purl), the fixed versions as a recommendation, and — for findings a VEX statement
// or the ignore file suppressed — an `analysis` saying so, which makes the BOM a CycloneDX VEX.
import { Enums, Models } from '@cyclonedx/cyclonedx-library';
import type { Report, Severity, SuppressedFinding, VulnerabilityFinding } from '../core/types.js';
import { cdxJustification } from '../match/vex.js';
import { helpUri, suppressionText } from './common.js';

const V = Models.Vulnerability;
const E = Enums.Vulnerability;

const SEVERITY: Record<Severity, Enums.Vulnerability.Severity> = {
  critical: E.Severity.Critical,
  high: E.Severity.High,
  medium: E.Severity.Medium,
  low: E.Severity.Low,
  unknown: E.Severity.Unknown,
};

function method(version: string): Enums.Vulnerability.RatingMethod {
  if (version.startsWith('4')) return E.RatingMethod.CVSSv4;
  if (version === '3.1') return E.RatingMethod.CVSSv31;
  if (version.startsWith('3')) return E.RatingMethod.CVSSv3;
  if (version.startsWith('2')) return E.RatingMethod.CVSSv2;
  return E.RatingMethod.Other;
}

function cvssSeverity(score: number): Enums.Vulnerability.Severity {
  if (score >= 9) return E.Severity.Critical;
  if (score >= 7) return E.Severity.High;
  if (score >= 4) return E.Severity.Medium;
  if (score > 0) return E.Severity.Low;
  return E.Severity.None;
}

function analysisOf(f: VulnerabilityFinding | SuppressedFinding): Models.Vulnerability.Analysis | undefined {
  if ('suppression' in f) {
    const s = f.suppression;
    if (s.by === 'vex' && (s.status === 'not_affected' || s.status === 'fixed')) {
      const j = cdxJustification(s.justification);
      return new V.Analysis({
        state: s.status === 'fixed' ? E.AnalysisState.Resolved : E.AnalysisState.NotAffected,
        ...(j && s.status === 'not_affected'
          ? { justification: j as Enums.Vulnerability.AnalysisJustification }
          : {}),
        detail: suppressionText(s),
      });
    }
    // an accepted risk is not a claim about exploitability: say who accepted it, set no state
    return new V.Analysis({ detail: suppressionText(s) });
  }
  if (f.kind !== 'vulnerability') return undefined;
  if (f.status === 'will_not_fix') {
    const a = new V.Analysis({ detail: 'the distribution will not fix this vulnerability' });
    a.response.add(E.AnalysisResponse.WillNotFix);
    return a;
  }
  if (f.fixedVersions?.length && f.status === 'affected') {
    const a = new V.Analysis();
    a.response.add(E.AnalysisResponse.Update);
    return a;
  }
  return undefined;
}

function analysisKey(a: Models.Vulnerability.Analysis | undefined): string {
  return a ? `${a.state ?? ''}|${a.justification ?? ''}|${[...a.response].join(',')}|${a.detail ?? ''}` : '';
}

/** Adds the report's vulnerability findings (reported and suppressed) to `bom.vulnerabilities`. */
export function addVulnerabilities(bom: Models.Bom, report: Report): void {
  const refs = new Map<string, Models.BomRef>();
  for (const c of bom.components) if (c.bomRef.value) refs.set(c.bomRef.value, c.bomRef);
  const all = [...report.findings, ...(report.suppressed ?? [])].filter(
    (f): f is VulnerabilityFinding | (VulnerabilityFinding & SuppressedFinding) => f.kind === 'vulnerability',
  );
  const byKey = new Map<string, Models.Vulnerability.Vulnerability>();
  for (const f of all) {
    const analysis = analysisOf(f);
    const key = `${f.id}\0${analysisKey(analysis)}`;
    let v = byKey.get(key);
    if (!v) {
      v = new V.Vulnerability({
        bomRef: `${f.id}${byKey.size ? `#${byKey.size}` : ''}`,
        id: f.id,
        source: new V.Source({ name: f.dataSource ?? f.severitySource ?? 'palisade', url: helpUri(f) }),
        description: f.title,
        ...(f.description ? { detail: f.description } : {}),
        ...(analysis ? { analysis } : {}),
      });
      if (f.severity !== 'unknown' || !f.cvss?.length)
        v.ratings.add(
          new V.Rating({
            severity: SEVERITY[f.severity],
            method: E.RatingMethod.Other,
            source: new V.Source({ name: f.severitySource ?? 'palisade' }),
          }),
        );
      for (const c of f.cvss ?? [])
        v.ratings.add(
          new V.Rating({
            score: c.score,
            severity: cvssSeverity(c.score),
            method: method(c.version),
            ...(c.vector ? { vector: c.vector } : {}),
            source: new V.Source({ name: c.source ?? 'nvd' }),
          }),
        );
      for (const a of f.aliases ?? [])
        v.references.add(
          new V.Reference(a, new V.Source({ url: `https://osv.dev/vulnerability/${encodeURIComponent(a)}` })),
        );
      for (const r of f.references ?? []) if (/^https?:\/\//.test(r)) v.advisories.add(new V.Advisory(r));
      if (f.kev) v.properties.add(new Models.Property('palisade:kev', 'true'));
      byKey.set(key, v);
    }
    const ref = refs.get(f.pkg.purl) ?? new Models.BomRef(f.pkg.purl);
    if (![...v.affects].some((a) => a.ref === ref)) {
      const affect = new V.Affect(ref);
      affect.versions.add(
        new V.AffectedSingleVersion(f.pkg.version, {
          status:
            'suppression' in f && f.suppression.by === 'vex'
              ? E.AffectStatus.Unaffected
              : E.AffectStatus.Affected,
        }),
      );
      v.affects.add(affect);
    }
    if (f.fixedVersions?.length) {
      const rec = `Upgrade ${f.pkg.name} to ${f.fixedVersions.join(' or ')}`;
      v.recommendation =
        v.recommendation && !v.recommendation.includes(rec) ? `${v.recommendation}; ${rec}` : rec;
    }
  }
  for (const v of byKey.values()) bom.vulnerabilities.add(v);
}
