// SARIF 2.1.0 (OASIS), the format GitHub code scanning, GitLab and Azure DevOps read. One rule per
// distinct id with help text and a help URI; one result per finding with a location (the file, or
// the manifest the package was found in, with the package's purl as a logical location) and a
// partialFingerprint that does not change across runs, so code scanning de-duplicates alerts.
// Suppressed findings are results with `suppressions`, so they are kept and shown as dismissed.
import {
  severityRank,
  type Finding,
  type Report,
  type Severity,
  type SuppressedFinding,
} from '../core/types.js';
import { cvssScore, findingMessage, fingerprint, fixedText, helpUri } from './common.js';
import type { ReportWriter } from './writer.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'palisade/v1';

type Level = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  unknown: 'note',
};

/** GitHub's security-severity: a CVSS-like score that drives its critical/high/medium/low label */
const SEVERITY_SCORE: Record<Severity, number> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
  unknown: 0.0,
};

function securitySeverity(f: Finding): string {
  const s = cvssScore(f);
  return (s !== undefined && s > 0 ? s : SEVERITY_SCORE[f.severity]).toFixed(1);
}

/** Rule names by kind, as code-scanning UIs group them (Trivy's names for the same kinds) */
function ruleName(f: Finding): string {
  switch (f.kind) {
    case 'vulnerability':
      return f.pkg.ecosystem === 'deb' || f.pkg.ecosystem === 'apk' || f.pkg.ecosystem === 'rpm'
        ? 'OsPackageVulnerability'
        : 'LanguageSpecificPackageVulnerability';
    case 'secret':
      return 'Secret';
    case 'malware':
      return 'Malware';
    case 'misconfig':
      return 'Misconfiguration';
    case 'license':
      return 'License';
  }
}

function ruleHelp(f: Finding): { text: string; markdown: string } {
  const uri = helpUri(f);
  const lines: string[] = [];
  const md: string[] = [];
  lines.push(f.title);
  md.push(`**${escapeMd(f.title)}**`);
  if (f.description && f.description !== f.title) {
    lines.push(f.description);
    md.push('', escapeMd(f.description));
  }
  if (f.kind === 'vulnerability') {
    const cvss = f.cvss?.map((c) => `CVSS ${c.version} ${c.score} ${c.vector}`).join('; ');
    const facts = [
      `Severity: ${f.severity}${f.severitySource ? ` (${f.severitySource})` : ''}`,
      cvss ? `CVSS: ${cvss}` : '',
      f.aliases?.length ? `Aliases: ${f.aliases.join(', ')}` : '',
      f.kev ? 'Listed in CISA Known Exploited Vulnerabilities' : '',
    ].filter(Boolean);
    lines.push(...facts);
    md.push('', ...facts.map((x) => `- ${escapeMd(x)}`));
  }
  if (f.kind === 'misconfig' && f.remediation) {
    lines.push(`Remediation: ${f.remediation}`);
    md.push('', `**Remediation:** ${escapeMd(f.remediation)}`);
  }
  const refs = (f.references ?? []).filter((r) => /^https?:\/\//.test(r)).slice(0, 10);
  if (refs.length) {
    lines.push(`References: ${refs.join(' ')}`);
    md.push('', '**References**', ...refs.map((r) => `- ${r}`));
  }
  lines.push(`More: ${uri}`);
  md.push('', `[More about ${escapeMd(f.id)}](${uri})`);
  return { text: lines.join('\n'), markdown: md.join('\n') };
}

const MD_SPECIAL = /[\\`*_{}[\]<>|]/;
function escapeMd(s: string): string {
  return MD_SPECIAL.test(s) ? s.replace(/([\\`*_{}[\]<>|])/g, '\\$1') : s;
}

function tags(f: Finding): string[] {
  const t = ['security', f.kind, f.severity.toUpperCase()];
  if (f.kind === 'vulnerability') t.push(f.pkg.ecosystem);
  if (f.kind === 'secret') t.push(f.category);
  if (f.kind === 'misconfig' && f.frameworks) t.push(...Object.keys(f.frameworks).sort());
  return t;
}

/** SARIF artifact URIs are relative references: no leading '/', percent-encoded where needed */
function uriOf(path: string): string {
  return encodeURI(path.replace(/^\/+/, '')).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

/** many findings share a file (a lockfile, the dpkg status file): encode each path once per log */
function uriCache(): (path: string) => string {
  const m = new Map<string, string>();
  return (path) => {
    let u = m.get(path);
    if (u === undefined) m.set(path, (u = uriOf(path)));
    return u;
  };
}

function locations(f: Finding, uri: (path: string) => string): Record<string, unknown>[] {
  const l = f.location;
  const pkg = f.kind === 'vulnerability' || f.kind === 'license' ? f.pkg : undefined;
  const physical: Record<string, unknown> | undefined = l?.path
    ? {
        artifactLocation: { uri: uri(l.innerPath ? `${l.path}!/${l.innerPath}` : l.path) },
        region: {
          startLine: l.line ?? 1,
          ...(l.column ? { startColumn: l.column } : {}),
        },
      }
    : pkg
      ? { artifactLocation: { uri: pkg.purl } }
      : undefined;
  const logical: Record<string, unknown>[] = [];
  if (pkg) logical.push({ name: pkg.name, fullyQualifiedName: pkg.purl, kind: 'package' });
  if (f.kind === 'misconfig' && f.resource)
    logical.push({
      name: f.resource,
      ...(f.jsonPath ? { fullyQualifiedName: `${f.resource}#${f.jsonPath}` } : {}),
      kind: 'resource',
    });
  if (!physical && !logical.length) return [];
  const loc: Record<string, unknown> = {};
  if (physical) loc.physicalLocation = physical;
  if (logical.length) loc.logicalLocations = logical;
  if (l?.layerIndex !== undefined)
    loc.properties = { layerIndex: l.layerIndex, ...(l.layerDiffId ? { layerDiffId: l.layerDiffId } : {}) };
  return [loc];
}

function resultProperties(f: Finding): Record<string, unknown> {
  const p: Record<string, unknown> = { severity: f.severity };
  if (f.kind === 'vulnerability') {
    p.purl = f.pkg.purl;
    p.installedVersion = f.pkg.version;
    if (f.fixedVersions?.length) p.fixedVersion = fixedText(f);
    p.status = f.status;
    if (f.kev) p.kev = true;
  }
  if (f.kind === 'secret' || f.kind === 'malware') {
    if (f.hiddenInLayer !== undefined) p.hiddenInLayer = f.hiddenInLayer;
  }
  if (f.kind === 'malware' && f.sha256) p.sha256 = f.sha256;
  return p;
}

const JUSTIFICATION_MAX = 1000;

function worse(a: Finding, b: Finding): boolean {
  const d = severityRank(a.severity) - severityRank(b.severity);
  return d !== 0 ? d > 0 : (cvssScore(a) ?? 0) > (cvssScore(b) ?? 0);
}

export function sarifLog(report: Report): Record<string, unknown> {
  const all: (Finding | SuppressedFinding)[] = [...report.findings, ...(report.suppressed ?? [])];
  // one rule per id, described by its first finding; its level is the worst of its results
  const first = new Map<string, Finding>();
  const worst = new Map<string, Finding>();
  for (const f of all) {
    const w = worst.get(f.id);
    if (!w) {
      first.set(f.id, f);
      worst.set(f.id, f);
    } else if (worse(f, w)) worst.set(f.id, f);
  }
  const ruleIds = [...first.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const f = first.get(id)!;
    const w = worst.get(id)!;
    return {
      id,
      name: ruleName(f),
      shortDescription: { text: f.title.slice(0, 1024) || id },
      fullDescription: { text: (f.description ?? f.title) || id },
      help: ruleHelp(f),
      helpUri: helpUri(f),
      defaultConfiguration: { level: LEVEL[w.severity] },
      properties: {
        tags: tags(f),
        precision: f.kind === 'vulnerability' ? 'very-high' : 'high',
        'security-severity': securitySeverity(w),
      },
    };
  });
  const uri = uriCache();
  const results = all.map((f) => {
    const res: Record<string, unknown> = {
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id),
      level: LEVEL[f.severity],
      message: { text: findingMessage(f) },
      locations: locations(f, uri),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
      properties: resultProperties(f),
    };
    if ('suppression' in f) {
      const s = f.suppression;
      const why = [s.status, s.justification, s.reason].filter(Boolean).join(': ');
      res.suppressions = [
        {
          kind: 'external',
          status: 'accepted',
          ...(why ? { justification: why.slice(0, JUSTIFICATION_MAX) } : {}),
          properties: {
            by: s.by,
            ...(s.source ? { source: s.source } : {}),
            ...(s.expires ? { expires: s.expires } : {}),
          },
        },
      ];
    }
    return res;
  });
  const a = report.artifact;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Palisade',
            fullName: 'Palisade container security scanner',
            version: report.scanner.version,
            semanticVersion: report.scanner.version,
            informationUri: 'https://palisade.dev',
            rules,
          },
        },
        automationDetails: { id: `palisade/${a.type}/${a.name}/` },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: report.createdAt,
            toolExecutionNotifications: report.warnings.slice(0, 1000).map((w) => ({
              level: 'warning',
              message: { text: w.message },
              descriptor: { id: w.code },
              ...(w.location?.path
                ? { locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(w.location.path) } } }] }
                : {}),
            })),
          },
        ],
        results,
        columnKind: 'utf16CodeUnits',
        properties: {
          artifact: {
            name: a.name,
            type: a.type,
            ...(a.digest ? { digest: a.digest } : {}),
            ...(a.os ? { os: `${a.os.family} ${a.os.version}` } : {}),
          },
          summary: locationSummary(report),
        },
      },
    ],
  };
}

function locationSummary(report: Report): Record<string, number> {
  return {
    findings: report.findings.length,
    suppressed: report.suppressed?.length ?? 0,
    packages: report.packages.length,
  };
}

/** Compact JSON: SARIF is read by tools (upload limits count bytes), and indenting a large log costs
 * more than building it; `jq .` shows it indented. */
export const sarifWriter: ReportWriter = {
  format: 'sarif',
  render(report) {
    return `${JSON.stringify(sarifLog(report))}\n`;
  },
};
