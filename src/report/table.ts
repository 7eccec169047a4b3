// The terminal report: one section per target (the image's OS packages, each lockfile, each file) and
// kind, each with its own severity summary, then suppressed findings and warnings. Cells wrap, never
// cut; severities are coloured on a TTY.
import { SEVERITIES, type Finding, type Report, type Severity } from '../core/types.js';
import {
  KIND_TITLES,
  KINDS,
  fixedText,
  groupByTarget,
  locationText,
  packageText,
  severityCounts,
  suppressionText,
} from './common.js';
import { renderTable } from './text-table.js';
import type { RenderOptions, ReportWriter } from './writer.js';

export { severityCounts } from './common.js';

const COLORS: Record<Severity, string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  unknown: '\x1b[37m',
};
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

function paint(s: string, sev: Severity | undefined, color: boolean): string {
  return color && sev ? `${COLORS[sev]}${s}${RESET}` : s;
}

function bold(s: string, color: boolean): string {
  return color ? `${BOLD}${s}${RESET}` : s;
}

function summaryLine(findings: readonly Finding[], color: boolean, suppressed?: number): string {
  const c = severityCounts(findings);
  const parts = SEVERITIES.map((s) => paint(`${s.toUpperCase()}: ${c[s]}`, s, color && c[s] > 0));
  const sup = suppressed !== undefined ? `, ${suppressed} suppressed` : '';
  return `Total: ${findings.length} (${parts.join(', ')})${sup}`;
}

function layerText(f: Finding): string {
  const l = f.location?.layerIndex;
  if (l === undefined) return '';
  const hidden =
    (f.kind === 'secret' || f.kind === 'malware') && f.hiddenInLayer !== undefined
      ? ` (deleted in ${f.hiddenInLayer})`
      : '';
  return `${l}${hidden}`;
}

interface Columns {
  headers: string[];
  row(f: Finding): string[];
}

const COLUMNS: Record<Finding['kind'], Columns> = {
  vulnerability: {
    headers: ['Package', 'Vulnerability', 'Severity', 'Status', 'Installed', 'Fixed', 'Layer', 'Title'],
    row: (f) =>
      f.kind === 'vulnerability'
        ? [
            f.pkg.name,
            f.kev ? `${f.id} (KEV)` : f.id,
            f.severity.toUpperCase(),
            f.status.replace(/_/g, ' '),
            f.pkg.version,
            fixedText(f),
            layerText(f),
            f.title,
          ]
        : [],
  },
  secret: {
    headers: ['Category', 'Rule', 'Severity', 'Location', 'Layer', 'Match'],
    row: (f) =>
      f.kind === 'secret'
        ? [f.category, f.id, f.severity.toUpperCase(), locationText(f.location), layerText(f), f.match]
        : [],
  },
  malware: {
    headers: ['Rule', 'Severity', 'Location', 'Layer', 'SHA-256', 'Title'],
    row: (f) =>
      f.kind === 'malware'
        ? [f.rule, f.severity.toUpperCase(), locationText(f.location), layerText(f), f.sha256 ?? '', f.title]
        : [],
  },
  misconfig: {
    headers: ['Check', 'Severity', 'Resource', 'Location', 'Message', 'Remediation'],
    row: (f) =>
      f.kind === 'misconfig'
        ? [
            f.id,
            f.severity.toUpperCase(),
            f.resource && f.resource !== f.location?.path ? f.resource : '',
            locationText(f.location),
            f.description && f.description !== f.title ? `${f.title}: ${f.description}` : f.title,
            f.remediation ?? '',
          ]
        : [],
  },
  license: {
    headers: ['Package', 'Version', 'License', 'Severity', 'Title'],
    row: (f) =>
      f.kind === 'license' ? [f.pkg.name, f.pkg.version, f.license, f.severity.toUpperCase(), f.title] : [],
  },
};

export const tableWriter: ReportWriter = {
  format: 'table',
  render(report: Report, o: RenderOptions) {
    const opts = { width: o.width ?? 120, color: o.color ?? false };
    const a = report.artifact;
    const out: string[] = [];
    const os = a.os ? ` (${a.os.family} ${a.os.version}${a.os.eol ? ', END OF LIFE' : ''})` : '';
    const head = `${a.name}${os}`;
    out.push(bold(head, opts.color));
    out.push('='.repeat(Math.min(opts.width, head.length)));
    const byEco = new Map<string, number>();
    for (const p of report.packages) byEco.set(p.ecosystem, (byEco.get(p.ecosystem) ?? 0) + 1);
    const layers = a.layers.length ? `, ${a.layers.length} layers` : '';
    out.push(
      `Packages: ${report.packages.length}${byEco.size ? ` (${[...byEco].map(([e, n]) => `${e}: ${n}`).join(', ')})` : ''}${layers}`,
    );
    const suppressed = report.suppressed ?? [];
    out.push(summaryLine(report.findings, opts.color, suppressed.length));
    for (const kind of KINDS) {
      const ofKind = report.findings.filter((f) => f.kind === kind);
      if (!ofKind.length) continue;
      const cols = COLUMNS[kind];
      const sevCol = cols.headers.indexOf('Severity');
      for (const g of groupByTarget(ofKind, report)) {
        const t = g.target.type;
        const type = t === 'file' || t === 'config' || t === g.target.name ? '' : ` [${t}]`;
        out.push('', bold(`${KIND_TITLES[kind]}: ${g.target.name}${type}`, opts.color));
        out.push(summaryLine(g.findings, opts.color), '');
        out.push(
          renderTable(cols.headers, g.findings.map(cols.row), {
            width: opts.width,
            ...(opts.color
              ? {
                  style: (r: number, c: number, text: string) =>
                    c === sevCol ? paint(text, g.findings[r]!.severity, true) : text,
                }
              : {}),
          }),
        );
      }
    }
    if (o.listPackages && report.packages.length) {
      out.push('', bold('Packages', opts.color));
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
    if (!report.findings.length) out.push('', 'No findings.');
    if (suppressed.length) {
      out.push('', bold(`Suppressed: ${suppressed.length}`, opts.color));
      out.push(
        renderTable(
          ['Kind', 'ID', 'Severity', 'What', 'Suppressed by'],
          suppressed.map((f) => [
            f.kind,
            f.id,
            f.severity.toUpperCase(),
            packageText(f) || locationText(f.location),
            suppressionText(f.suppression),
          ]),
          { width: opts.width },
        ),
      );
    }
    return out.join('\n') + '\n';
  },
};
