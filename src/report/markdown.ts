// Markdown for a pull-request comment (GitHub, GitLab): a summary table by kind and severity, then
// one collapsible <details> section per kind and target. A comment may hold at most 65,536
// characters, so when the findings do not fit, the most severe are kept and a note says how many
// were left out and where to find them.
import { SEVERITIES, severityRank, type Finding, type Report } from '../core/types.js';
import {
  KIND_TITLES,
  KINDS,
  escapeXml,
  fixedText,
  groupByTarget,
  helpUri,
  isFixable,
  locationText,
  packageText,
  severityCounts,
  suppressionText,
} from './common.js';
import type { ReportWriter } from './writer.js';

/** GitHub's limit for an issue or pull-request comment body */
export const MARKDOWN_LIMIT = 65_536;

const ICON: Record<Finding['severity'], string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  unknown: '⚪',
};

/** One table cell: one line, no table or HTML syntax, bounded length */
function cell(s: string, max = 160): string {
  let t = s.replace(/\s+/g, ' ').trim();
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t.replace(/[\\`*_[\]<>|]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

function code(s: string): string {
  return s ? `\`${s.replace(/`/g, "'").replace(/\s+/g, ' ')}\`` : '';
}

function link(text: string, url: string): string {
  return `[${cell(text, 80)}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}

interface Columns {
  headers: string[];
  row(f: Finding): string[];
}

const SEV = (f: Finding) => `${ICON[f.severity]} ${f.severity.toUpperCase()}`;

const COLUMNS: Record<Finding['kind'], Columns> = {
  vulnerability: {
    headers: ['Severity', 'ID', 'Package', 'Installed', 'Fixed', 'Title'],
    row: (f) =>
      f.kind === 'vulnerability'
        ? [
            SEV(f) + (f.kev ? ' **KEV**' : ''),
            link(f.id, helpUri(f)),
            code(f.pkg.name),
            code(f.pkg.version),
            fixedText(f) ? code(fixedText(f)) : f.status === 'will_not_fix' ? "won't fix" : '',
            cell(f.title),
          ]
        : [],
  },
  secret: {
    headers: ['Severity', 'Rule', 'Category', 'Location', 'Match'],
    row: (f) =>
      f.kind === 'secret'
        ? [SEV(f), cell(f.id), cell(f.category), code(locationText(f.location)), code(f.match)]
        : [],
  },
  malware: {
    headers: ['Severity', 'Rule', 'Location', 'Title'],
    row: (f) =>
      f.kind === 'malware' ? [SEV(f), cell(f.rule), code(locationText(f.location)), cell(f.title)] : [],
  },
  misconfig: {
    headers: ['Severity', 'Check', 'Resource', 'Location', 'Title'],
    row: (f) =>
      f.kind === 'misconfig'
        ? [
            SEV(f),
            link(f.id, helpUri(f)),
            cell(f.resource ?? ''),
            code(locationText(f.location)),
            cell(f.title),
          ]
        : [],
  },
  license: {
    headers: ['Severity', 'Package', 'Version', 'License', 'Title'],
    row: (f) =>
      f.kind === 'license'
        ? [SEV(f), code(f.pkg.name), code(f.pkg.version), code(f.license), cell(f.title)]
        : [],
  },
};

const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

function summaryTable(report: Report): string[] {
  const out = [line(['', ...SEVERITIES.map((s) => `${ICON[s]} ${s}`), 'fixable', 'suppressed'])];
  out.push(line(['---', ...SEVERITIES.map(() => '--:'), '--:', '--:']));
  const suppressed = report.suppressed ?? [];
  for (const kind of KINDS) {
    const fs = report.findings.filter((f) => f.kind === kind);
    const sup = suppressed.filter((f) => f.kind === kind).length;
    if (!fs.length && !sup) continue;
    const c = severityCounts(fs);
    out.push(
      line([
        `**${KIND_TITLES[kind]}**`,
        ...SEVERITIES.map((s) => String(c[s])),
        kind === 'vulnerability' ? String(fs.filter(isFixable).length) : '',
        String(sup),
      ]),
    );
  }
  return out;
}

function render(report: Report, budget: number): { text: string; shown: number } {
  const a = report.artifact;
  const out: string[] = [];
  const os = a.os ? ` (${a.os.family} ${a.os.version}${a.os.eol ? ', end of life' : ''})` : '';
  out.push(`### 🛡️ Palisade scan: ${code(a.name)}${os}`, '');
  const c = severityCounts(report.findings);
  const suppressed = report.suppressed ?? [];
  const n = report.findings.length;
  out.push(
    `**${n} finding${n === 1 ? '' : 's'}**: ${SEVERITIES.map((s) => `${ICON[s]} ${c[s]} ${s}`).join(' · ')}` +
      ` · ${suppressed.length} suppressed · ${report.packages.length} packages`,
    '',
  );
  if (n || suppressed.length) out.push(...summaryTable(report), '');
  else out.push('No findings. ✅', '');
  // groups of every kind, then findings chosen most severe first across all of them, each group
  // costing its header when its first finding is chosen, so truncation drops the least severe
  const groups = KINDS.flatMap((kind) =>
    groupByTarget(
      report.findings.filter((f) => f.kind === kind),
      report,
    ).map((g) => ({ kind, ...g })),
  );
  const groupOf = new Map<Finding, (typeof groups)[number]>();
  for (const g of groups) for (const f of g.findings) groupOf.set(f, g);
  const heads = new Map(
    groups.map((g) => {
      const gc = severityCounts(g.findings);
      const counts = SEVERITIES.filter((s) => gc[s])
        .map((s) => `${gc[s]} ${s}`)
        .join(', ');
      const cols = COLUMNS[g.kind].headers;
      return [
        g,
        [
          `<details><summary><b>${KIND_TITLES[g.kind]}</b>: ${escapeXml(g.target.name)} — ${g.findings.length} (${counts})</summary>`,
          '',
          line(cols),
          line(cols.map(() => '---')),
        ],
      ];
    }),
  );
  const order = report.findings
    .map((f, i) => ({ f, i }))
    .sort((x, y) => severityRank(y.f.severity) - severityRank(x.f.severity) || x.i - y.i);
  // room for the closing notes and a share of the suppressed list
  let used = out.join('\n').length + 1000 + Math.min(suppressed.length * 120, budget / 5);
  const include = new Set<Finding>();
  const opened = new Set<(typeof groups)[number]>();
  for (const { f } of order) {
    const g = groupOf.get(f)!;
    const head = opened.has(g) ? 0 : heads.get(g)!.join('\n').length + 40;
    const cost = line(COLUMNS[f.kind].row(f)).length + 1 + head;
    if (used + cost > budget) break;
    used += cost;
    include.add(f);
    opened.add(g);
  }
  for (const kind of KINDS) {
    let hiddenFindings = 0;
    let hiddenTargets = 0;
    for (const g of groups) {
      if (g.kind !== kind) continue;
      const rows = g.findings.filter((f) => include.has(f));
      if (!rows.length) {
        hiddenTargets++;
        hiddenFindings += g.findings.length;
        continue;
      }
      out.push(...heads.get(g)!);
      for (const f of rows) out.push(line(COLUMNS[kind].row(f)));
      if (rows.length < g.findings.length)
        out.push('', `_${g.findings.length - rows.length} more not shown._`);
      out.push('', '</details>', '');
    }
    if (hiddenTargets)
      out.push(
        `_${KIND_TITLES[kind]}: ${hiddenFindings} more in ${hiddenTargets} other target${hiddenTargets === 1 ? '' : 's'} not shown._`,
        '',
      );
  }
  if (suppressed.length) {
    out.push(`<details><summary>Suppressed: ${suppressed.length}</summary>`, '');
    out.push(line(['Kind', 'ID', 'What', 'Suppressed by']), line(['---', '---', '---', '---']));
    let shown = 0;
    let size = out.join('\n').length;
    for (const f of suppressed) {
      const row = line([
        f.kind,
        cell(f.id),
        code(packageText(f) || locationText(f.location)),
        cell(suppressionText(f.suppression)),
      ]);
      if (size + row.length > budget) break;
      size += row.length + 1;
      out.push(row);
      shown++;
    }
    if (shown < suppressed.length) out.push('', `_${suppressed.length - shown} more not shown._`);
    out.push('', '</details>', '');
  }
  if (report.warnings.length)
    out.push(
      `_${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} during the scan (see the JSON report)._`,
      '',
    );
  if (include.size < n)
    out.push(
      `> [!NOTE]\n> Truncated to fit a comment: ${include.size} of ${n} findings shown, most severe first. The full list is in the JSON, SARIF or HTML report.`,
      '',
    );
  out.push(`<sub>Palisade ${escapeXml(report.scanner.version)}</sub>`);
  return { text: `${out.join('\n')}\n`, shown: include.size };
}

export function markdownReport(report: Report, limit = MARKDOWN_LIMIT): string {
  // the estimate of section overhead is conservative; shrink the budget until the result fits
  let budget = limit - 1000;
  for (;;) {
    const { text } = render(report, budget);
    if (text.length < limit || budget < 2000) return text;
    budget -= Math.max(1000, text.length - limit + 1000);
  }
}

export const markdownWriter: ReportWriter = {
  format: 'markdown',
  render: (report) => markdownReport(report),
};
