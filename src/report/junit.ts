// JUnit XML for CI test tabs (Jenkins, GitLab, Azure DevOps, CircleCI): one test suite per kind and
// target, one failing test case per finding (its severity as the failure type, the details as text),
// suppressed findings as skipped test cases with the reason. A clean scan is one passing test case,
// so the tab shows the scan ran. Valid against the Jenkins JUnit XSD (checked in tests).
import type { Finding, Report } from '../core/types.js';
import {
  KIND_TITLES,
  KINDS,
  escapeXml as x,
  findingMessage,
  fixedText,
  groupByTarget,
  helpUri,
  locationText,
  suppressionText,
} from './common.js';
import type { ReportWriter } from './writer.js';

function caseName(f: Finding): string {
  const what =
    f.kind === 'vulnerability' || f.kind === 'license'
      ? `${f.pkg.name}@${f.pkg.version}`
      : locationText(f.location) || (f.kind === 'misconfig' ? (f.resource ?? '') : '');
  return `[${f.severity.toUpperCase()}] ${f.id}${what ? ` ${what}` : ''}`;
}

function details(f: Finding, message: string): string {
  const lines = [message];
  if (f.kind === 'vulnerability') {
    lines.push(`Package: ${f.pkg.purl}`, `Installed: ${f.pkg.version}`);
    if (f.fixedVersions?.length) lines.push(`Fixed: ${fixedText(f)}`);
    if (f.cvss?.length)
      lines.push(`CVSS: ${f.cvss.map((c) => `${c.version} ${c.score} ${c.vector}`).join('; ')}`);
  }
  if (f.location)
    lines.push(
      `Location: ${locationText(f.location)}${f.location.layerIndex !== undefined ? ` (layer ${f.location.layerIndex})` : ''}`,
    );
  if (f.kind === 'misconfig' && f.remediation) lines.push(`Remediation: ${f.remediation}`);
  lines.push(`More: ${helpUri(f)}`);
  return lines.join('\n');
}

export function junitXml(report: Report): string {
  const suppressed = report.suppressed ?? [];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const all: Finding[] = [...report.findings, ...suppressed];
  for (const kind of KINDS) {
    const ofKind = all.filter((f) => f.kind === kind);
    for (const g of groupByTarget(ofKind, report)) {
      const cases: string[] = [];
      let fl = 0;
      let sk = 0;
      const classname = x(g.target.name);
      for (const f of g.findings) {
        const sup = 'suppression' in f ? (f as (typeof suppressed)[number]).suppression : undefined;
        const name = `name="${x(caseName(f))}" classname="${classname}"`;
        if (sup) {
          sk++;
          cases.push(
            `    <testcase ${name}>\n      <skipped>${x(`suppressed by ${suppressionText(sup)}`)}</skipped>\n    </testcase>`,
          );
        } else {
          fl++;
          const message = findingMessage(f);
          cases.push(
            `    <testcase ${name}>\n      <failure type="${f.severity.toUpperCase()}" message="${x(message)}">${x(details(f, message))}</failure>\n    </testcase>`,
          );
        }
      }
      tests += g.findings.length;
      failures += fl;
      skipped += sk;
      suites.push(
        `  <testsuite name="${x(`${KIND_TITLES[kind]}: ${g.target.name}`)}" tests="${g.findings.length}" failures="${fl}" errors="0" skipped="${sk}" timestamp="${x(report.createdAt.replace(/Z$/, ''))}">\n${cases.join('\n')}\n  </testsuite>`,
      );
    }
  }
  if (!all.length) {
    tests = 1;
    suites.push(
      `  <testsuite name="${x(report.artifact.name)}" tests="1" failures="0" errors="0" skipped="0" timestamp="${x(report.createdAt.replace(/Z$/, ''))}">\n    <testcase name="no findings" classname="${x(report.artifact.name)}"/>\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${x(`palisade ${report.artifact.name}`)}" tests="${tests}" failures="${failures}" errors="0" disabled="${skipped}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}

export const junitWriter: ReportWriter = {
  format: 'junit',
  render: (report) => junitXml(report),
};
