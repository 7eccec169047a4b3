// User templates (`--format template --template FILE`) in Liquid, through liquidjs: Shopify designed
// Liquid for templates written by untrusted users — no code execution, only own properties of the
// data, no file access here (partials come from an empty in-memory map) — and liquidjs bounds
// parse size, render time and memory, so a hostile template cannot hang or exhaust the scanner.
//
// Variables: `report` (the JSON report), and for convenience `artifact`, `findings`, `suppressed`,
// `packages`, `warnings`, `vulnerabilities`, `secrets`, `misconfigs`, `malware`, `licenses`,
// `summary` ({ total, suppressed, critical, high, medium, low, unknown }). Extra filters: `csv`
// (quote a CSV field), `xml` (escape for XML), `location` (path[!/inner][:line]), `fixed` (fixed
// versions joined), `help_uri`.
import { Liquid } from 'liquidjs';
import { PalisadeError } from '../core/errors.js';
import { accelerate } from './liquid-fast.js';
import type { Finding, Report } from '../core/types.js';
import { escapeXml, fixedText, helpUri, locationText, severityCounts } from './common.js';
import type { RenderOptions, ReportWriter } from './writer.js';

export const TEMPLATE_LIMITS = {
  /** characters of template source */
  parse: 1_000_000,
  /** milliseconds of rendering */
  render: 10_000,
  /** liquidjs memory units (roughly characters and array items allocated) */
  memory: 256 * 1024 * 1024,
};

/** The engine user templates run in (exported for the tests of liquid-fast.ts). */
export function engine(): Liquid {
  const liquid = new Liquid({
    templates: {},
    ownPropertyOnly: true,
    strictFilters: true,
    jsTruthy: false,
    parseLimit: TEMPLATE_LIMITS.parse,
    renderLimit: TEMPLATE_LIMITS.render,
    memoryLimit: TEMPLATE_LIMITS.memory,
    // the `date` filter's month and day names: fixed, so a template renders the same everywhere (and
    // liquidjs does not start ICU to ask the machine's locale)
    locale: 'en-US',
  });
  liquid.registerFilter('csv', (v: unknown) => {
    const s = v === undefined || v === null ? '' : Array.isArray(v) ? v.join(' ') : String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@\t]/.test(s)
      ? `"${s.replace(/^([=+\-@\t])/, "'$1").replace(/"/g, '""')}"`
      : s;
  });
  liquid.registerFilter('xml', (v: unknown) => escapeXml(v === undefined || v === null ? '' : String(v)));
  liquid.registerFilter('location', (l: unknown) =>
    l && typeof l === 'object' ? locationText(l as Finding['location']) : '',
  );
  liquid.registerFilter('fixed', (f: unknown) => (f && typeof f === 'object' ? fixedText(f as Finding) : ''));
  liquid.registerFilter('help_uri', (f: unknown) =>
    f && typeof f === 'object' ? helpUri(f as Finding) : '',
  );
  return liquid;
}

export function templateContext(report: Report): Record<string, unknown> {
  const c = severityCounts(report.findings);
  const of = (k: Finding['kind']) => report.findings.filter((f) => f.kind === k);
  return {
    report,
    artifact: report.artifact,
    findings: report.findings,
    suppressed: report.suppressed ?? [],
    packages: report.packages,
    warnings: report.warnings,
    vulnerabilities: of('vulnerability'),
    secrets: of('secret'),
    misconfigs: of('misconfig'),
    malware: of('malware'),
    licenses: of('license'),
    summary: { total: report.findings.length, suppressed: report.suppressed?.length ?? 0, ...c },
  };
}

export function renderTemplate(source: string, report: Report, name = 'template'): string {
  const liquid = engine();
  let tpl;
  try {
    tpl = liquid.parse(source, name);
  } catch (e) {
    throw new PalisadeError('USAGE', `--template ${name}: ${firstLine(e)}`);
  }
  accelerate(liquid, tpl);
  try {
    return liquid.renderSync(tpl, templateContext(report)) as string;
  } catch (e) {
    throw new PalisadeError('USAGE', `--template ${name}: ${firstLine(e)}`);
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

export const templateWriter: ReportWriter = {
  format: 'template',
  render(report: Report, opts: RenderOptions) {
    if (opts.template === undefined)
      throw new PalisadeError('USAGE', '--format template needs --template FILE (a Liquid template)');
    return renderTemplate(opts.template, report, opts.templateName);
  },
};
