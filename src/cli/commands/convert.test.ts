// `palisade convert`: a saved JSON report re-rendered through the same outputs, filters and gates.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { jsonWriter } from '../../report/json.js';
import { sarifErrors } from '../../testing/report-validators.js';
import { syntheticReport } from '../../testing/sample-report.js';
import { captureIO } from '../capture-io.js';
import { main } from '../main.js';

const tmp = mkdtempSync(join(tmpdir(), 'pal-convert-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureIO({});
  io.cwd = tmp;
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const report = syntheticReport(200);
writeFileSync(join(tmp, 'r.json'), jsonWriter.render(report, {}));

test('renders a saved JSON report as SARIF and JSON (round trip)', async () => {
  const r = await run(['convert', 'r.json', '-o', 'sarif=r.sarif', '-o', 'json=again.json', '-q']);
  assert.equal(r.code, 0, r.err);
  assert.equal(sarifErrors(JSON.parse(readFileSync(join(tmp, 'r.sarif'), 'utf8'))), '');
  const again = JSON.parse(readFileSync(join(tmp, 'again.json'), 'utf8')) as typeof report;
  assert.equal(again.findings.length, report.findings.length);
  assert.equal(again.packages.length, report.packages.length);
});

test('filters and gates apply as on a scan', async () => {
  const crit = report.findings.filter((f) => f.severity === 'critical').length;
  assert.ok(crit > 0);
  const r = await run(['convert', 'r.json', '-f', 'json', '-s', 'CRITICAL', '--fail-on', 'critical', '-q']);
  assert.equal(r.code, 1);
  assert.equal((JSON.parse(r.out) as typeof report).findings.length, crit);
});

test('bad input is one line naming the file', async () => {
  writeFileSync(join(tmp, 'bad.json'), '{"hello": 1}');
  writeFileSync(join(tmp, 'future.json'), JSON.stringify({ ...report, schemaVersion: '9.0.0' }));
  for (const [file, msg] of [
    ['missing.json', /missing\.json: no such file/],
    ['bad.json', /bad\.json: not a Palisade JSON report/],
    ['future.json', /future\.json: report schema 9\.0\.0/],
  ] as const) {
    const r = await run(['convert', file]);
    assert.equal(r.code, 2, file);
    assert.match(r.err, msg);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});
