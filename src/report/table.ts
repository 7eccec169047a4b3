// The human format: a header naming the target, a summary line of counts by severity, then one table
// per finding kind (and the package list on request). Colour only when asked (the CLI asks on a TTY).
import { SEVERITIES, type Finding, type Report, type Severity } from '../core/types.js';
import { renderTable } from './text-table.js';
import type { RenderOptions, ReportWriter } from './writer.js';

const COLORS: Record<Severity, string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  unknown: '\x1b[37m',
};
const RESET = '\x1b[0m';

function paint(s: string, sev: Severity | undefined, color: boolean): string {
  return color && sev ? `${COLORS[sev]}${s}${RESET}` : s;
}

export function severityCounts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function summaryLine(findings: Finding[], color: boolean): string {
  const c = severityCounts(findings);
  return `Total: ${findings.length} (${SEVERITIES.map((s) => paint(`${s.toUpperCase()}: ${c[s]}`, s, color && c[s] > 0)).join(', ')})`;
}

function where(f: Finding): string {
  const l = f.location;
  if (!l) return '';
  let s = l.path;
  if (l.innerPath) s += `!/${l.innerPath}`;
  if (l.line) s += `:${l.line}`;
  return s;
}

function layerOf(f: Finding): string {
  const l = f.location?.layerIndex;
  if (l === undefined) return '';
  const hidden =
    (f.kind === 'secret' || f.kind === 'malware') && f.hiddenInLayer !== undefined
      ? ` (deleted in ${f.hiddenInLayer})`
      : '';
  return `${l}${hidden}`;
}

function section(
  title: string,
  findings: Finding[],
  headers: string[],
  row: (f: Finding) => string[],
  opts: Required<Pick<RenderOptions, 'width' | 'color'>>,
): string {
  const sevCol = headers.indexOf('Severity');
  return [
    `\n${title}`,
    summaryLine(findings, opts.color),
    '',
    renderTable(headers, findings.map(row), {
      width: opts.width,
      style: (r, c, text) => (c === sevCol ? paint(text, findings[r]!.severity, opts.color) : text),
    }),
  ].join('\n');
}

export const tableWriter: ReportWriter = {
  format: 'table',
  render(report: Report, o) {
    const opts = { width: o.width ?? 120, color: o.color ?? false };
    const a = report.artifact;
    const out: string[] = [];
    const os = a.os ? ` (${a.os.family} ${a.os.version}${a.os.eol ? ', END OF LIFE' : ''})` : '';
    out.push(`${a.name}${os}`);
    out.push('='.repeat(Math.min(opts.width, `${a.name}${os}`.length)));
    const byEco = new Map<string, number>();
    for (const p of report.packages) byEco.set(p.ecosystem, (byEco.get(p.ecosystem) ?? 0) + 1);
    const layers = a.layers.length ? `, ${a.layers.length} layers` : '';
    out.push(
      `Packages: ${report.packages.length}${byEco.size ? ` (${[...byEco].map(([e, n]) => `${e}: ${n}`).join(', ')})` : ''}${layers}`,
    );
    const vulns = report.findings.filter((f) => f.kind === 'vulnerability');
    if (vulns.length)
      out.push(
        section(
          'Vulnerabilities',
          vulns,
          ['Package', 'Vulnerability', 'Severity', 'Status', 'Installed', 'Fixed', 'Title'],
          (f) => {
            if (f.kind !== 'vulnerability') return [];
            return [
              f.pkg.name,
              f.id,
              f.severity.toUpperCase(),
              f.status,
              f.pkg.version,
              (f.fixedVersions ?? []).join(', '),
              f.title,
            ];
          },
          opts,
        ),
      );
    const secrets = report.findings.filter((f) => f.kind === 'secret');
    if (secrets.length)
      out.push(
        section(
          'Secrets',
          secrets,
          ['Category', 'Rule', 'Severity', 'Location', 'Layer', 'Match'],
          (f) =>
            f.kind === 'secret'
              ? [f.category, f.id, f.severity.toUpperCase(), where(f), layerOf(f), f.match]
              : [],
          opts,
        ),
      );
    const malware = report.findings.filter((f) => f.kind === 'malware');
    if (malware.length)
      out.push(
        section(
          'Malware',
          malware,
          ['Rule', 'Severity', 'Location', 'Layer', 'SHA-256'],
          (f) =>
            f.kind === 'malware'
              ? [f.rule, f.severity.toUpperCase(), where(f), layerOf(f), f.sha256 ?? '']
              : [],
          opts,
        ),
      );
    const misconfig = report.findings.filter((f) => f.kind === 'misconfig');
    if (misconfig.length)
      out.push(
        section(
          'Misconfigurations',
          misconfig,
          ['Check', 'Severity', 'Resource', 'Location', 'Message'],
          (f) =>
            f.kind === 'misconfig'
              ? [f.id, f.severity.toUpperCase(), f.resource ?? '', where(f), f.title]
              : [],
          opts,
        ),
      );
    const licenses = report.findings.filter((f) => f.kind === 'license');
    if (licenses.length)
      out.push(
        section(
          'Licenses',
          licenses,
          ['Package', 'Version', 'License', 'Severity'],
          (f) =>
            f.kind === 'license' ? [f.pkg.name, f.pkg.version, f.license, f.severity.toUpperCase()] : [],
          opts,
        ),
      );
    if (o.listPackages && report.packages.length) {
      out.push('\nPackages');
      out.push(
        renderTable(
          ['Name', 'Version', 'Type', 'Source', 'Layer', 'Path'],
          report.packages.map((p) => [
            p.name,
            p.version,
            p.ecosystem,
            p.source && (p.source.name !== p.name || p.source.version !== p.version)
              ? `${p.source.name} ${p.source.version}`
              : '',
            p.locations[0]?.layerIndex?.toString() ?? '',
            p.locations[0]?.path ?? '',
          ]),
          { width: opts.width },
        ),
      );
    }
    if (!report.findings.length) out.push('\nNo findings.');
    if (report.suppressed?.length)
      out.push(`\nSuppressed: ${report.suppressed.length} finding(s) (see the JSON report)`);
    return out.join('\n') + '\n';
  },
};
