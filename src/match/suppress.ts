// Applies external suppressors (the ignore file, VEX) to a finished report: a suppressed finding moves
// from `findings` to `suppressed` with who suppressed it and why; it is counted, never lost. The
// config-check engine applies the same Suppressor objects itself after inline comments and
// annotations (src/evaluate/suppress.ts), so both paths share one model.
import type { Finding, Report, SuppressedFinding, Suppressor } from '../core/types.js';

/** The first suppressor that claims `f`, as a suppression record, or undefined. */
export function suppressionFor(
  f: Finding,
  suppressors: readonly Suppressor[],
): SuppressedFinding['suppression'] | undefined {
  for (const s of suppressors) {
    const m = s.match(f);
    if (m) return { by: s.name, ...m };
  }
  return undefined;
}

export function applySuppressors(report: Report, suppressors: readonly Suppressor[]): Report {
  if (!suppressors.length) return report;
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [...(report.suppressed ?? [])];
  for (const f of report.findings) {
    const s = suppressionFor(f, suppressors);
    if (s) suppressed.push({ ...f, suppression: s });
    else kept.push(f);
  }
  report.findings = kept;
  // kept in report order (already stable), after what the scan itself suppressed
  if (suppressed.length) report.suppressed = suppressed;
  return report;
}

/** --ignore-unfixed: vulnerabilities with nothing to upgrade to are left out of the report. */
export function dropUnfixed(findings: Finding[]): Finding[] {
  return findings.filter(
    (f) => f.kind !== 'vulnerability' || (f.status !== 'will_not_fix' && (f.fixedVersions?.length ?? 0) > 0),
  );
}
