// The CI examples in docs/ci/ run for real: the scan scripts of the GitHub Actions workflow and the
// GitLab job, as written there, on the fixture app image, with `palisade` on PATH. Their outputs must be
// valid for the tools that read them (SARIF schema, JUnit XSD, report schema, Markdown size) and the
// exit code must be the gate's verdict. The same scan twice gives byte-identical JSON and SARIF apart
// from timestamps.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { Report } from '../../src/core/types.js';
import { gateFailures, parseFailOn } from '../../src/evaluate/gate.js';
import {
  cyclonedxErrors,
  junitErrors,
  reportSchemaErrors,
  sarifErrors,
} from '../../src/testing/report-validators.js';
import { fixtures, fixturesSkip, REPO_ROOT } from './fixtures.js';

const skip = fixturesSkip();
const POLICY = 'critical,kev,secret,malware';

describe('CI examples on the fixture app image', { skip }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pal-ci-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const bin = join(tmp, 'bin');
  mkdirSync(bin);
  // `palisade` as the docs call it: the CLI from this checkout's sources
  writeFileSync(
    join(tmp, 'palisade.mjs'),
    `import { main } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src/cli/main.ts')).href)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  writeFileSync(
    join(bin, 'palisade'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --import ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href)} ${JSON.stringify(join(tmp, 'palisade.mjs'))} "$@"\n`,
  );
  chmodSync(join(bin, 'palisade'), 0o755);
  const env = (extra: Record<string, string>) => ({
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    PALISADE_CACHE_DIR: join(tmp, 'cache'),
    ...extra,
  });

  function runScript(script: string, cwd: string, vars: Record<string, string>) {
    mkdirSync(cwd, { recursive: true });
    const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
      cwd,
      env: env(vars),
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  /** the verdict the gate must give on a report's findings */
  const expectedExit = (report: Report) =>
    gateFailures(parseFailOn(POLICY), report.findings).length ? 1 : 0;

  test('GitHub Actions "Scan" step: SARIF, HTML, Markdown, JSON; exit code is the gate verdict', async () => {
    const wf = parse(readFileSync(join(REPO_ROOT, 'docs/ci/github-actions.yml'), 'utf8'));
    const step = wf.jobs.scan.steps.find((s: { name?: string }) => s.name === 'Scan');
    assert.ok(step?.run.includes(`--fail-on ${POLICY}`), 'the workflow and this test name one policy');
    const cwd = join(tmp, 'gh');
    const r = runScript(step.run, cwd, { IMAGE: fixtures().images.app.dockerArchive });
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
    const report = JSON.parse(readFileSync(join(cwd, 'palisade.json'), 'utf8')) as Report;
    assert.equal(reportSchemaErrors(report), '');
    assert.equal(r.code, expectedExit(report), r.err);
    if (r.code === 1)
      assert.match(r.err, /--fail-on critical,kev,secret,malware: \d+ findings? fails? the gate/);
    assert.ok(report.packages.length > 100, 'the app image has its Debian and npm packages');
    assert.equal(sarifErrors(JSON.parse(readFileSync(join(cwd, 'palisade.sarif'), 'utf8'))), '');
    const md = readFileSync(join(cwd, 'palisade.md'), 'utf8');
    assert.ok(md.length < 65_536);
    assert.match(readFileSync(join(cwd, 'palisade.html'), 'utf8'), /^<!DOCTYPE html>/);
    // the table went to the job log
    assert.match(r.out, /^Packages: \d+ \(deb: \d+/m);
  });

  test('GitLab job script: SARIF and JUnit artifacts valid; exit code is the gate verdict', async () => {
    const ci = parse(readFileSync(join(REPO_ROOT, 'docs/ci/gitlab-ci.yml'), 'utf8'));
    const job = ci['palisade-scan'];
    const cwd = join(tmp, 'gl');
    const r = runScript((job.script as string[]).join('\n'), cwd, {
      IMAGE: fixtures().images.app.dockerArchive,
    });
    const report = JSON.parse(readFileSync(join(cwd, 'palisade.json'), 'utf8')) as Report;
    assert.equal(r.code, expectedExit(report), r.err);
    assert.equal(await junitErrors(readFileSync(join(cwd, 'gl-palisade.junit.xml'), 'utf8')), '');
    assert.equal(sarifErrors(JSON.parse(readFileSync(join(cwd, 'gl-palisade.sarif'), 'utf8'))), '');
    for (const p of job.artifacts.paths as string[]) assert.ok(existsSync(join(cwd, p)), p);
  });

  test('the same scan twice: byte-identical JSON and SARIF apart from timestamps; CycloneDX valid', async () => {
    const img = fixtures().images.app.dockerArchive;
    const outs: { json: string; sarif: string }[] = [];
    for (const i of [1, 2]) {
      const cwd = join(tmp, `twice-${i}`);
      const r = runScript(
        `palisade image "$IMAGE" --no-cache --scanners vuln,secret,misconfig,license -f json -o r.json -o sarif=r.sarif -o cyclonedx=r.cdx.json`,
        cwd,
        { IMAGE: img },
      );
      assert.equal(r.code, 0, r.err);
      outs.push({
        json: readFileSync(join(cwd, 'r.json'), 'utf8')
          .replace(/"createdAt": "[^"]+"/, '"createdAt": "T"')
          .replace(/"timings": \{[^}]*\}/, '"timings": {}'),
        sarif: readFileSync(join(cwd, 'r.sarif'), 'utf8').replace(/"endTimeUtc":"[^"]+"/, '"endTimeUtc":"T"'),
      });
      if (i === 1) assert.equal(await cyclonedxErrors(readFileSync(join(cwd, 'r.cdx.json'), 'utf8')), '');
    }
    assert.ok(outs[0]!.json === outs[1]!.json, 'JSON differs between two scans');
    assert.ok(outs[0]!.sarif === outs[1]!.sarif, 'SARIF differs between two scans');
  });
});
