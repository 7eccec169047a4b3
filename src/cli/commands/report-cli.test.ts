// The shared report flags through the real CLI: several outputs at once, gates and exit codes, the
// ignore file (found in the working directory), VEX, templates; `palisade sbom-scan` and `palisade vex`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../core/types.js';
import { cyclonedxJson } from '../../report/cyclonedx.js';
import { stages } from '../../scan/stages.js';
import { reportSchemaErrors, sarifErrors } from '../../testing/report-validators.js';
import {
  buildSampleReport,
  importFeeds,
  sampleStore,
  writeSampleImage,
} from '../../testing/sample-report.js';
import { VulnStore } from '../../vulndb/store.js';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-report-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const SUMMARY_TEMPLATE = fileURLToPath(new URL('../../../docs/templates/summary.liquid', import.meta.url));

async function run(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const io = captureIO(opts.env ?? {});
  if (opts.cwd) io.cwd = opts.cwd;
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('report flags on an image scan', () => {
  let ref: string;
  const scan = (extra: string[], opts?: { cwd?: string }) =>
    run(['image', ref, '--no-cache', '--scanners', 'secret', ...extra], opts);
  before(() => {
    ref = writeSampleImage(join(tmp, 'img'));
  });

  test('-o FMT=FILE writes several formats at once; the --format report still goes to stdout', async () => {
    const r = await scan([
      '-o',
      `json=${join(tmp, 'r.json')}`,
      '-o',
      `sarif=${join(tmp, 'r.sarif')}`,
      '-o',
      `html=${join(tmp, 'r.html')}`,
      '-o',
      `junit=${join(tmp, 'r.xml')}`,
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Secrets: app\/deploy\.env$/m);
    const json = JSON.parse(readFileSync(join(tmp, 'r.json'), 'utf8')) as Report;
    assert.equal(reportSchemaErrors(json), '');
    assert.equal(sarifErrors(JSON.parse(readFileSync(join(tmp, 'r.sarif'), 'utf8'))), '');
    assert.match(readFileSync(join(tmp, 'r.html'), 'utf8'), /^<!DOCTYPE html>/);
    assert.match(readFileSync(join(tmp, 'r.xml'), 'utf8'), /<testsuites /);
  });

  test('-o FILE with -f, and FMT=- to stdout instead of the --format report', async () => {
    const r = await scan(['-f', 'sarif', '-o', join(tmp, 'only.sarif'), '-o', 'markdown=-']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^### 🛡️ Palisade scan/);
    assert.ok(existsSync(join(tmp, 'only.sarif')));
  });

  test('gates: --fail-on exits 1 (or --exit-code) and names the findings; no match exits 0', async () => {
    let r = await scan(['--fail-on', 'critical', '-q']);
    assert.equal(r.code, 1);
    r = await scan(['--fail-on', 'critical']);
    assert.equal(r.code, 1);
    assert.match(r.err, /palisade: --fail-on critical: 2 findings fail the gate \(github-pat\)/);
    assert.equal((await scan(['--fail-on', 'secret-critical', '--exit-code', '9'])).code, 9);
    assert.equal((await scan(['--fail-on', 'kev,fixable-high'])).code, 0);
    assert.equal((await scan(['--exit-code', '4'])).code, 4, 'without --fail-on: any finding');
    assert.equal((await scan(['--exit-code', '4', '--severity', 'low'])).code, 0, 'after --severity');
    assert.equal((await scan(['--fail-on', 'critical', '--exit-code', '0'])).code, 0, 'report-only');
  });

  test('--severity: a list, or a minimum with "+"', async () => {
    const sev = async (s: string) => {
      const r = await scan(['-f', 'json', '--severity', s, '--scanners', 'secret,misconfig']);
      assert.equal(r.code, 0, r.err);
      return [...new Set((JSON.parse(r.out) as Report).findings.map((f) => f.severity))].sort();
    };
    assert.deepEqual(await sev('critical'), ['critical']);
    assert.deepEqual(
      await sev('HIGH+'),
      ['critical', 'high'].filter((s) => s === 'critical' || s === 'high'),
    );
  });

  test('.palisadeignore in the working directory suppresses, expired entries warn, suppressed are listed', async () => {
    const dir = join(tmp, 'proj');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '.palisadeignore'),
      '- id: github-pat\n  path: app/old.env\n  reason: rotated; the layer is being squashed away\n- id: github-pat\n  path: app/deploy.env\n  reason: was fine\n  expires: 2020-01-01\n',
    );
    const r = await scan(['-f', 'json', '--fail-on', 'critical'], { cwd: dir });
    assert.equal(r.code, 1, 'the expired entry no longer hides deploy.env');
    assert.match(r.err, /warning: \.palisadeignore:4: ignore entry for github-pat expired on 2020-01-01/);
    const report = JSON.parse(r.out) as Report;
    assert.deepEqual(
      report.suppressed!.map((f) => [f.id, f.location?.path, f.suppression.by]),
      [['github-pat', 'app/old.env', '.palisadeignore']],
    );
    assert.ok(report.warnings.some((w) => w.code === 'IGNORE_EXPIRED'));
    const table = await scan([], { cwd: dir });
    assert.match(table.out, /, 1 suppressed$/m);
    assert.match(table.out, /^Suppressed: 1$/m);
    // an explicit --ignorefile must exist
    const missing = await scan(['--ignorefile', 'nope.yaml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^palisade: .*nope\.yaml: no such file\n$/);
  });

  test('--format template with the documented summary template', async () => {
    const r = await scan(['-f', 'template', '--template', SUMMARY_TEMPLATE]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /: 2 findings — 2 critical, 0 high, 0 medium, 0 low; 0 suppressed/);
    assert.match(r.out, /^- \[CRITICAL\] github-pat app\/deploy\.env:2$/m);
  });

  test('usage errors exit 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['-o', 'xml=a.xml'], /--output xml=a\.xml: unknown format "xml"/],
      [['-o', 'a.json', '-o', 'b.json'], /more than one plain FILE/],
      [['-f', 'template'], /--format template needs --template FILE/],
      [['--fail-on', 'severe'], /--fail-on "severe": unknown word "severe"/],
      [['--severity', 'urgent'], /--severity: unknown severity "urgent"/],
      [['--vex', join(tmp, 'none.json')], /none\.json: no such file/],
    ];
    for (const [args, re] of cases) {
      const r = await scan(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, re);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
    }
  });
});

describe('palisade sbom-scan and palisade vex', () => {
  let sbom: string;
  let db: string;
  before(async () => {
    const report = await buildSampleReport();
    sbom = join(tmp, 'app.cdx.json');
    writeFileSync(
      sbom,
      cyclonedxJson({
        artifact: { ...report.artifact, digest: `sha256:${'c'.repeat(64)}` },
        packages: report.packages,
      }),
    );
    // the sample feeds as a database file, for the vulnerability stage (it reads PALISADE_DB)
    db = join(tmp, 'test.db');
    const file = VulnStore.create(db);
    await importFeeds(file);
    file.close();
  });

  test('sbom-scan reads the SBOM into a report (packages, OS, layers) and validates', async () => {
    const r = await run(['sbom-scan', sbom, '-f', 'json', '--scanners', 'none']);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as Report;
    assert.equal(reportSchemaErrors(report), '');
    assert.equal(report.artifact.type, 'sbom');
    assert.equal(report.artifact.os?.family, 'debian');
    assert.equal(report.packages.length, 5);
    assert.equal(report.artifact.layers.length, 3);
  });

  test("sbom-scan matches with the scan pipeline's vulnerability stage, with VEX and gates", async (t) => {
    if (!stages.some((s) => s.scanner === 'vuln')) {
      t.skip('the vulnerability stage (src/match/stage.ts) is not on this branch yet');
      return;
    }
    const env = { PALISADE_DB: db, PALISADE_CACHE_DIR: join(tmp, 'cache') };
    let r = await run(['sbom-scan', sbom, '-f', 'json', '--fail-on', 'kev'], { env });
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as Report;
    assert.deepEqual(report.findings.map((f) => f.id).sort(), [
      'CVE-2010-0928',
      'CVE-2023-45853',
      'CVE-2023-5678',
      'CVE-2024-0727',
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-p6mc-m468-83gw',
      'GHSA-xvch-5gv4-984h',
    ]);
    const vexFile = join(tmp, 'zlib.vex.json');
    writeFileSync(
      vexFile,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'urn:uuid:1',
        author: 'x',
        timestamp: '2024-01-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2023-45853' },
            products: [{ '@id': 'pkg:deb/debian/zlib1g' }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_present',
          },
        ],
      }),
    );
    r = await run(
      [
        'sbom-scan',
        sbom,
        '-f',
        'json',
        '--vex',
        vexFile,
        '--ignore-unfixed',
        '--fail-on',
        'fixable-critical',
      ],
      { env },
    );
    assert.equal(r.code, 1, r.err);
    const filtered = JSON.parse(r.out) as Report;
    assert.deepEqual(
      filtered.suppressed!.map((f) => [f.id, f.suppression.by, f.suppression.justification]),
      [['CVE-2023-45853', 'vex', 'vulnerable_code_not_present']],
    );
    assert.ok(
      filtered.findings.every((f) => f.kind !== 'vulnerability' || f.fixedVersions?.length),
      '--ignore-unfixed',
    );
  });

  test('vex add writes OpenVEX that --vex applies; vex show lists it', async () => {
    const vexFile = join(tmp, 'team.vex.json');
    const report = await buildSampleReport();
    const reportFile = join(tmp, 'sample.json');
    const store = await sampleStore();
    const { matchPackages } = await import('../../match/index.js');
    report.findings.push(...matchPackages(report.packages, report.artifact.os, store).findings);
    store.close();
    writeFileSync(reportFile, JSON.stringify(report));
    const env = { PALISADE_NOW: '2024-06-01T00:00:00Z', USER: 'alice' };
    let r = await run(
      [
        'vex',
        'add',
        vexFile,
        '--vuln',
        'CVE-2023-45853',
        '--from-report',
        reportFile,
        '--status',
        'not_affected',
        '--justification',
        'vulnerable_code_not_present',
        '--impact',
        'minizip is not built',
      ],
      { env },
    );
    assert.equal(r.code, 0, r.err);
    r = await run(
      [
        'vex',
        'add',
        vexFile,
        '--vuln',
        'GHSA-p6mc-m468-83gw',
        '--product',
        'pkg:npm/lodash@4.17.15',
        '--status',
        'affected',
        '--action',
        'upgrade to 4.17.21',
      ],
      { env },
    );
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(readFileSync(vexFile, 'utf8'));
    assert.equal(doc['@context'], 'https://openvex.dev/ns/v0.2.0');
    assert.equal(doc.author, 'alice');
    assert.equal(doc.version, 2);
    assert.equal(doc.statements.length, 2);
    const zlib = report.findings.find((f) => f.id === 'CVE-2023-45853');
    assert.equal(zlib?.kind, 'vulnerability');
    assert.deepEqual(doc.statements[0].products, [
      {
        '@id': `pkg:oci/app@${report.artifact.digest!}`,
        subcomponents: [{ '@id': zlib.kind === 'vulnerability' ? zlib.pkg.purl : '' }],
      },
    ]);
    // and a scan with it applies the decision
    const applied = await run(['sbom-scan', sbom, '-f', 'json', '--scanners', 'none', '--vex', vexFile]);
    assert.equal(applied.code, 0, applied.err);
    r = await run(['vex', 'show', vexFile]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /team\.vex\.json \(openvex\): 2 statements/);
    assert.match(r.out, /CVE-2023-45853 .*\| not_affected/);
    // bad statements are refused, the document is unchanged
    r = await run([
      'vex',
      'add',
      vexFile,
      '--vuln',
      'CVE-1',
      '--product',
      'pkg:npm/x@1',
      '--status',
      'not_affected',
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /not_affected needs --justification or --impact/);
    r = await run(['vex', 'add', vexFile, '--vuln', 'CVE-1', '--product', 'lodash', '--status', 'fixed']);
    assert.match(r.err, /lodash: not a package URL/);
    assert.equal(JSON.parse(readFileSync(vexFile, 'utf8')).statements.length, 2);
  });
});
