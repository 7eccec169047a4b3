// Every format on one report built by the real pipeline (src/testing/sample-report.ts): golden files
// (refresh with PALISADE_UPDATE_GOLDEN=1 after a deliberate change, and read the diff), validation
// against each format's official schema, and byte-stable output across two scans.
/* eslint-disable @typescript-eslint/no-explicit-any -- rendered documents are inspected as loose JSON */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import type { Report } from '../core/types.js';
import {
  cyclonedxErrors,
  junitErrors,
  reportSchemaErrors,
  sarifErrors,
  spdxErrors,
} from '../testing/report-validators.js';
import { buildSuppressedSample, SAMPLE_TESTDATA } from '../testing/sample-report.js';
import { writerFor, writers } from './index.js';
import { FINGERPRINT_KEY } from './sarif.js';

const GOLDEN = join(SAMPLE_TESTDATA, 'golden');
const UPDATE = !!process.env.PALISADE_UPDATE_GOLDEN;
const TEMPLATE = fileURLToPath(new URL('../../docs/templates/csv.liquid', import.meta.url));

/** What legitimately differs between two renderings (the SPDX namespace is a fresh UUID); compact
 * SARIF is indented so that golden diffs are readable. */
function normalise(format: string, text: string): string {
  if (format === 'spdx')
    return text.replace(/"documentNamespace": "[^"]+"/, '"documentNamespace": "NAMESPACE"');
  if (format === 'sarif') return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  return text;
}

async function render(report: Report, format: string): Promise<string> {
  return (await writerFor(format)).render(report, {
    width: 120,
    template: readFileSync(TEMPLATE, 'utf8'),
    templateName: 'csv.liquid',
  });
}

const EXT: Record<string, string> = {
  table: 'txt',
  json: 'json',
  sarif: 'sarif',
  cyclonedx: 'cdx.json',
  spdx: 'spdx.json',
  junit: 'junit.xml',
  markdown: 'md',
  html: 'html',
  template: 'csv',
};

describe('report formats on the sample image', () => {
  let report: Report;
  const out: Record<string, string> = {};
  before(async () => {
    report = await buildSuppressedSample();
    for (const w of writers) out[w.format] = await render(report, w.format);
  });

  test('the sample covers every kind, suppressions and an expired ignore entry', () => {
    assert.deepEqual([...new Set(report.findings.map((f) => f.kind))].sort(), [
      'license',
      'malware',
      'misconfig',
      'secret',
      'vulnerability',
    ]);
    assert.deepEqual(report.suppressed!.map((f) => `${f.id} ${f.suppression.by}`).sort(), [
      'CVE-2010-0928 .palisadeignore',
      'CVE-2023-45853 vex',
      'PAL-IMG-005 .palisadeignore',
    ]);
    assert.ok(
      report.warnings.some((w) => w.code === 'IGNORE_EXPIRED' && /GHSA-35jh-r3h4-6jhm/.test(w.message)),
    );
    assert.ok(
      report.findings.some((f) => f.id === 'GHSA-35jh-r3h4-6jhm'),
      'expired entry no longer applies',
    );
  });

  for (const w of writers) {
    test(`${w.format}: matches the golden file`, () => {
      const file = join(GOLDEN, `sample.${EXT[w.format] ?? w.format}`);
      const text = normalise(w.format, out[w.format]!);
      if (UPDATE || !existsSync(file)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, text);
        if (!UPDATE) assert.fail(`${file} did not exist; written now: review it and commit it`);
        return;
      }
      assert.equal(
        text,
        readFileSync(file, 'utf8'),
        `differs from ${file} (PALISADE_UPDATE_GOLDEN=1 refreshes)`,
      );
    });
  }

  test('json: valid against schema/report.schema.json, suppressed listed separately', () => {
    const doc = JSON.parse(out.json!);
    assert.equal(reportSchemaErrors(doc), '');
    assert.equal(doc.suppressed.length, 3);
    const vex = doc.suppressed.find((f: any) => f.id === 'CVE-2023-45853');
    assert.deepEqual(vex.suppression, {
      by: 'vex',
      status: 'not_affected',
      source: 'vex.json',
      justification: 'vulnerable_code_not_present',
      reason: "minizip is not built into Debian's zlib1g",
    });
  });

  test('sarif: valid against the official SARIF 2.1.0 schema; rules, locations, fingerprints', () => {
    const doc = JSON.parse(out.sarif!);
    assert.equal(sarifErrors(doc), '');
    const run = doc.runs[0];
    for (const r of run.tool.driver.rules) {
      assert.ok(r.help.text && r.help.markdown, r.id);
      assert.match(r.helpUri, /^https:\/\//);
      assert.match(r.properties['security-severity'], /^\d+\.\d$/);
    }
    const lodash = run.results.find((r: any) => r.ruleId === 'GHSA-p6mc-m468-83gw');
    assert.equal(lodash.level, 'error');
    assert.equal(
      lodash.locations[0].physicalLocation.artifactLocation.uri,
      'app/node_modules/lodash/package.json',
    );
    assert.equal(lodash.locations[0].logicalLocations[0].fullyQualifiedName, 'pkg:npm/lodash@4.17.15');
    const secret = run.results.find((r: any) => r.ruleId === 'github-pat');
    assert.equal(secret.locations[0].physicalLocation.region.startLine, 2);
    const suppressed = run.results.filter((r: any) => r.suppressions);
    assert.equal(suppressed.length, 3);
    const fps = run.results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.equal(new Set(fps).size, fps.length, 'fingerprints are unique');
  });

  test('cyclonedx: valid (strict) against CycloneDX 1.6; vulnerabilities with ratings, affects, VEX analysis', async () => {
    assert.equal(await cyclonedxErrors(out.cyclonedx!), '');
    const bom = JSON.parse(out.cyclonedx!);
    const refs = new Set(bom.components.map((c: any) => c['bom-ref']));
    const minimist = bom.vulnerabilities.find((v: any) => v.id === 'GHSA-xvch-5gv4-984h');
    assert.ok(minimist.ratings.some((r: any) => r.method === 'CVSSv31' && r.score === 9.8));
    assert.ok(minimist.ratings.some((r: any) => r.severity === 'critical'));
    assert.deepEqual(
      minimist.affects.map((a: any) => a.ref),
      ['pkg:npm/minimist@1.2.0'],
    );
    for (const v of bom.vulnerabilities) for (const a of v.affects) assert.ok(refs.has(a.ref), a.ref);
    const zlib = bom.vulnerabilities.find((v: any) => v.id === 'CVE-2023-45853');
    assert.equal(zlib.analysis.state, 'not_affected');
    assert.equal(zlib.analysis.justification, 'code_not_present');
    const accepted = bom.vulnerabilities.find((v: any) => v.id === 'CVE-2010-0928');
    assert.equal(accepted.analysis.state, undefined);
    assert.match(accepted.analysis.detail, /palisadeignore/);
  });

  test('spdx: valid against the official SPDX 2.3 schema (when PALISADE_SPDX_SCHEMA names it)', (t) => {
    const doc = JSON.parse(out.spdx!);
    assert.equal(doc.spdxVersion, 'SPDX-2.3');
    const errs = spdxErrors(doc);
    if (errs === undefined) {
      t.diagnostic(
        'PALISADE_SPDX_SCHEMA unset: the SPDX 2.3 schema is in no npm or Debian package; structure checked only',
      );
      return;
    }
    assert.equal(errs, '');
  });

  test('junit: valid against the Jenkins JUnit XSD; one case per finding, suppressed ones skipped', async () => {
    assert.equal(await junitErrors(out.junit!), '');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(out.junit!);
    const suites = [doc.testsuites.testsuite].flat();
    const cases = suites.flatMap((s: any) => [s.testcase].flat());
    assert.equal(cases.length, report.findings.length + report.suppressed!.length);
    assert.equal(Number(doc.testsuites.failures), report.findings.length);
    assert.equal(cases.filter((c: any) => c.skipped !== undefined).length, 3);
  });

  test('markdown and table: summaries count suppressed findings', () => {
    assert.match(out.markdown!, /· 3 suppressed ·/);
    assert.match(
      out.table!,
      /^Total: 10 \(CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, UNKNOWN: 0\), 3 suppressed$/m,
    );
    assert.match(out.html!, /<b>3<\/b><small>suppressed<\/small>/);
  });

  test('template: the documented CSV template', () => {
    const lines = out.template!.trim().split('\n');
    assert.equal(lines[0], 'kind,id,severity,package,installed,fixed,location,layer,title,link');
    assert.equal(lines.length, report.findings.length + 1);
  });

  test('the same scan twice gives byte-identical JSON and SARIF (timestamps pinned)', async () => {
    const again = await buildSuppressedSample();
    assert.equal(await render(again, 'json'), out.json);
    assert.equal(await render(again, 'sarif'), out.sarif);
  });
});
