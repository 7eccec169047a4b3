// Assembles the final report with a stable order, so the same scan gives byte-identical output.
import {
  REPORT_SCHEMA_VERSION,
  severityRank,
  type Artifact,
  type Finding,
  type Package,
  type Report,
  type Warning,
} from '../core/types.js';
import { VERSION } from '../version.js';

function cmp(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

export function sortPackages(packages: Package[]): Package[] {
  return packages.sort(
    (a, b) =>
      cmp(a.ecosystem, b.ecosystem) ||
      cmp(a.name, b.name) ||
      cmp(a.version, b.version) ||
      cmp(a.locations[0]?.path, b.locations[0]?.path) ||
      cmp(a.purl, b.purl),
  );
}

function findingKey(f: Finding): string {
  const where = f.kind === 'vulnerability' || f.kind === 'license' ? f.pkg.purl : (f.location?.path ?? '');
  return `${where}\0${f.location?.layerIndex ?? ''}\0${f.location?.line ?? ''}`;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      cmp(a.kind, b.kind) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      cmp(a.id, b.id) ||
      cmp(findingKey(a), findingKey(b)),
  );
}

export function buildReport(parts: {
  artifact: Artifact;
  packages: Package[];
  findings: Finding[];
  warnings: Warning[];
  timings?: Record<string, number>;
  db?: Report['db'];
}): Report {
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scanner: { name: 'palisade', version: VERSION },
    createdAt: new Date().toISOString(),
    artifact: parts.artifact,
    packages: sortPackages(parts.packages),
    findings: sortFindings(parts.findings),
    warnings: parts.warnings,
  };
  if (parts.db) report.db = parts.db;
  if (parts.timings) report.timings = parts.timings;
  return report;
}
