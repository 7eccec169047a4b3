// What every format says the same way: counts, targets, locations, fixability, help links and the
// fingerprint that identifies a finding across runs. Formats differ in layout, never in these facts.
import crypto, { createHash } from 'node:crypto';
import {
  SEVERITIES,
  type Finding,
  type Location,
  type Report,
  type Severity,
  type SuppressedFinding,
} from '../core/types.js';

export type SeverityCounts = Record<Severity, number>;

export function severityCounts(findings: readonly Finding[]): SeverityCounts {
  const c: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** "12 findings (CRITICAL: 1, HIGH: 3, MEDIUM: 8, LOW: 0, UNKNOWN: 0), 2 suppressed" */
export function summaryText(findings: readonly Finding[], suppressed: readonly Finding[] = []): string {
  const c = severityCounts(findings);
  const n = findings.length;
  return (
    `${n} finding${n === 1 ? '' : 's'} (${SEVERITIES.map((s) => `${s.toUpperCase()}: ${c[s]}`).join(', ')})` +
    `, ${suppressed.length} suppressed`
  );
}

export function locationText(l: Location | undefined): string {
  if (!l) return '';
  let s = l.path;
  if (l.innerPath) s += `!/${l.innerPath}`;
  if (l.line) s += `:${l.line}`;
  return s;
}

export { isFixable } from '../core/types.js';

export function fixedText(f: Finding): string {
  return f.kind === 'vulnerability' ? (f.fixedVersions ?? []).join(', ') : '';
}

const OS_ECOSYSTEMS = new Set(['deb', 'apk', 'rpm']);

export interface Target {
  /** what the finding is in: the image's OS, a lockfile, a file, a resource */
  name: string;
  /** 'os-pkgs', the ecosystem of a manifest, 'file', 'config', 'image-config' */
  type: string;
}

/**
 * Where a finding belongs when results are grouped (as Trivy's "Target"): OS packages under the
 * artifact and its OS, language packages under the manifest they were found in, files by path.
 */
export function targetOf(f: Finding, report: Pick<Report, 'artifact'>): Target {
  // several formats of one report group the same findings: work each one's target out once
  const known = targets.get(f);
  if (known && known.artifact === report.artifact) return known.target;
  const target = computeTarget(f, report.artifact);
  targets.set(f, { artifact: report.artifact, target });
  return target;
}

const targets = new WeakMap<Finding, { artifact: Report['artifact']; target: Target }>();

function computeTarget(f: Finding, a: Report['artifact']): Target {
  if (f.kind === 'vulnerability' || f.kind === 'license') {
    const eco = f.kind === 'vulnerability' ? f.pkg.ecosystem : ecosystemOfPurl(f.pkg.purl);
    if (OS_ECOSYSTEMS.has(eco)) {
      const os = a.os ? ` (${a.os.family} ${a.os.version})` : '';
      return { name: `${a.name}${os}`, type: 'os-pkgs' };
    }
    const path = f.location?.path;
    return {
      name: path ? (f.location?.innerPath ? `${path}!/${f.location.innerPath}` : path) : a.name,
      type: eco,
    };
  }
  if (f.kind === 'misconfig') {
    if (f.location?.path) return { name: f.location.path, type: 'config' };
    return { name: f.resource ?? a.name, type: f.resource ?? 'config' };
  }
  return { name: f.location ? locationText({ ...f.location, line: undefined }) : a.name, type: 'file' };
}

export function ecosystemOfPurl(purl: string): string {
  const m = /^pkg:([^/]+)\//.exec(purl);
  return m ? m[1]!.toLowerCase() : 'generic';
}

export interface TargetGroup<F extends Finding = Finding> {
  target: Target;
  findings: F[];
}

/** Findings grouped by target; within a group, in report order (which is stable). */
export function groupByTarget<F extends Finding>(
  findings: readonly F[],
  report: Pick<Report, 'artifact'>,
): TargetGroup<F>[] {
  const groups = new Map<string, TargetGroup<F>>();
  for (const f of findings) {
    const t = targetOf(f, report);
    const key = `${t.type}\0${t.name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { target: t, findings: [] }));
    g.findings.push(f);
  }
  // the image's OS packages first (as Trivy lists them), then targets by name
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.target.type === 'os-pkgs') - Number(a.target.type === 'os-pkgs') ||
      (a.target.name < b.target.name ? -1 : a.target.name > b.target.name ? 1 : 0),
  );
}

export const KIND_TITLES: Record<Finding['kind'], string> = {
  vulnerability: 'Vulnerabilities',
  secret: 'Secrets',
  malware: 'Malware',
  misconfig: 'Misconfigurations',
  license: 'Licenses',
};
export const KINDS: readonly Finding['kind'][] = [
  'vulnerability',
  'secret',
  'malware',
  'misconfig',
  'license',
];

/** The package a finding is about, "name@version", or '' */
export function packageText(f: Finding): string {
  return f.kind === 'vulnerability' || f.kind === 'license' ? `${f.pkg.name}@${f.pkg.version}` : '';
}

/** A one-line statement of the finding, for messages and test-case names. */
export function findingMessage(f: Finding): string {
  switch (f.kind) {
    case 'vulnerability': {
      const fix = f.fixedVersions?.length ? `; fixed in ${f.fixedVersions.join(', ')}` : '; no fix available';
      const kev = f.kev ? ' (known exploited)' : '';
      return `${f.pkg.name} ${f.pkg.version} (${f.pkg.ecosystem}) is affected by ${f.id}${kev}: ${f.title}${f.status === 'affected' ? fix : ` (${f.status.replace(/_/g, ' ')})`}`;
    }
    case 'secret':
      return `${f.title} (${f.category}) in ${locationText(f.location)}: ${f.match}${f.hiddenInLayer !== undefined ? `, deleted in layer ${f.hiddenInLayer} but still in the image` : ''}`;
    case 'malware':
      return `${f.title} (rule ${f.rule}) in ${locationText(f.location)}${f.hiddenInLayer !== undefined ? `, deleted in layer ${f.hiddenInLayer} but still in the image` : ''}`;
    case 'misconfig':
      return `${f.id} ${f.title}${f.resource ? ` in ${f.resource}` : ''}${f.description && f.description !== f.title ? `: ${f.description}` : ''}`;
    case 'license':
      return `${f.pkg.name} ${f.pkg.version} is licensed under ${f.license}: ${f.title}`;
  }
}

export const DOCS_URL = 'https://palisade.dev/docs';

/** Where a user reads about the finding's rule. */
export function helpUri(f: Finding): string {
  if (f.kind === 'vulnerability') return `https://osv.dev/vulnerability/${encodeURIComponent(f.id)}`;
  const ref = f.references?.find((r) => /^https?:\/\//.test(r));
  if (f.kind === 'misconfig') return ref ?? `${DOCS_URL}/checks#${f.id.toLowerCase()}`;
  if (f.kind === 'secret') return ref ?? `${DOCS_URL}/secrets#${f.id.toLowerCase()}`;
  if (f.kind === 'malware') return ref ?? `${DOCS_URL}/malware#${f.id.toLowerCase()}`;
  return `https://spdx.org/licenses/${encodeURIComponent(f.license)}.html`;
}

/** purl without version and qualifiers: the package's identity across upgrades */
export function purlName(purl: string): string {
  return purl.replace(/[?#].*$/, '').replace(/@[^/@]*$/, '');
}

/**
 * Identifies "the same finding" across runs, so code-scanning services de-duplicate: the rule and
 * what it is about, without what changes between runs (package version, line numbers, layer).
 */
export function fingerprint(f: Finding): string {
  let parts: (string | undefined)[];
  switch (f.kind) {
    case 'vulnerability':
      parts = [f.kind, f.id, purlName(f.pkg.purl), f.location?.path, f.location?.innerPath];
      break;
    case 'license':
      parts = [f.kind, f.id, purlName(f.pkg.purl), f.license];
      break;
    case 'secret':
      parts = [f.kind, f.id, f.location?.path, f.location?.innerPath, f.match];
      break;
    case 'malware':
      parts = [f.kind, f.id, f.location?.path, f.location?.innerPath, f.sha256];
      break;
    case 'misconfig':
      parts = [f.kind, f.id, f.location?.path, f.location?.innerPath, f.resource, f.jsonPath];
      break;
  }
  return sha256Hex(parts.map((p) => p ?? '').join('\0')).slice(0, 32);
}

// crypto.hash (Node ≥ 20.12) hashes a string in one call, without a Hash object per finding
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;
function sha256Hex(s: string): string {
  return oneShot ? oneShot('sha256', s, 'hex') : createHash('sha256').update(s).digest('hex');
}

/** Findings and suppressed findings together, suppressed ones marked (for formats that list both). */
export function suppressedOf(report: Report): SuppressedFinding[] {
  return report.suppressed ?? [];
}

export function suppressionText(s: SuppressedFinding['suppression']): string {
  const parts = [s.by];
  if (s.status) parts.push(s.status);
  if (s.justification) parts.push(s.justification);
  if (s.reason) parts.push(s.reason);
  if (s.expires) parts.push(`until ${s.expires}`);
  return parts.join(': ');
}

/** CVSS base score to show for a finding: the highest v3/v4 score, else v2, else undefined */
export function cvssScore(f: Finding): number | undefined {
  if (f.kind !== 'vulnerability' || !f.cvss?.length) return undefined;
  let modern = -Infinity;
  let any = -Infinity;
  for (const c of f.cvss) {
    if (c.score > any) any = c.score;
    if (!c.version.startsWith('2') && c.score > modern) modern = c.score;
  }
  return modern > -Infinity ? modern : any;
}

/** The layer a finding was introduced in, when known */
export function layerOf(f: Finding): number | undefined {
  return f.location?.layerIndex;
}

// XML 1.0 allows tab, LF, CR and U+0020 and above (minus surrogates and U+FFFE/FFFF); file content
// that reaches a report (secret context, titles) may hold anything else
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// one test for "anything to do" (most titles, ids and paths have nothing to escape): one scan of the
// text instead of two replace passes and their copies
// eslint-disable-next-line no-control-regex
const XML_ANY = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text safe inside XML/HTML elements and quoted attributes. */
export function escapeXml(s: string): string {
  if (!XML_ANY.test(s)) return s;
  return s.replace(XML_INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
