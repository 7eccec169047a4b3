// The vulnerability stage inside a real scan (`palisade rootfs`), with the embedded snapshot on a fresh
// cache: a Debian bookworm root with openssl at the bookworm-main version and an npm app with
// lodash@4.17.15 and minimist@1.2.0.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIO } from '../../src/cli/capture-io.js';
import { main } from '../../src/cli/main.js';
import type { Report, VulnerabilityFinding } from '../../src/core/types.js';
import { DB_SCHEMA_VERSION } from '../../src/vulndb/store.js';

function rootfs(): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-vulnscan-'));
  const w = (p: string, s: string) => {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), s);
  };
  w(
    'etc/os-release',
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
  );
  w(
    'var/lib/dpkg/status',
    [
      'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.20-1~deb12u2\nDescription: ssl\n',
      'Package: libssl3-old\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl (3.0.22-1~deb12u2)\nVersion: 3.0.22-1~deb12u2\nDescription: up to date\n',
    ].join('\n'),
  );
  for (const [n, v] of [
    ['lodash', '4.17.15'],
    ['minimist', '1.2.0'],
  ])
    w(`app/node_modules/${n}/package.json`, JSON.stringify({ name: n, version: v }));
  return root;
}

async function scan(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; report: Report; err: string }> {
  const io = captureIO(env);
  const code = await main(['rootfs', ...args, '--format', 'json', '--quiet'], io);
  return { code, report: code < 2 ? (JSON.parse(io.out()) as Report) : ({} as Report), err: io.err() };
}

test('rootfs scan reports Debian and npm vulnerabilities from the embedded snapshot', async () => {
  const root = rootfs();
  const env = { PALISADE_CACHE_DIR: join(root, '..', `${root.split('/').pop()}-cache`) };
  const { code, report, err } = await scan([root], env);
  assert.equal(code, 0, err);
  const vulns = report.findings.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');
  const ids = new Set(vulns.map((f) => f.id));
  for (const id of ['GHSA-p6mc-m468-83gw', 'GHSA-35jh-r3h4-6jhm', 'GHSA-xvch-5gv4-984h'])
    assert.ok(ids.has(id), id);
  const ssl = vulns.filter((f) => f.pkg.name === 'libssl3');
  assert.ok(
    ssl.some((f) => f.id === 'CVE-2026-35189'),
    'fixed in bookworm-security after main',
  );
  assert.ok(ssl.every((f) => f.location?.path === 'var/lib/dpkg/status'));
  assert.equal(vulns.filter((f) => f.pkg.name === 'libssl3-old').length, 0);
  assert.equal(report.db?.schemaVersion, DB_SCHEMA_VERSION);
  assert.equal(report.db?.sources?.['go-vulndb'], '2026-08-21');

  // --scanners none: no vulnerability stage, no findings
  const none = await scan([root, '--scanners', 'none'], env);
  assert.equal(none.report.findings.filter((f) => f.kind === 'vulnerability').length, 0);
  // --db-max-age: the snapshot is older than a day: warned (and reported), or fails with --db-max-age-fail
  const stale = await scan([root, '--db-max-age', '1d'], env);
  assert.ok(stale.report.warnings.some((w) => w.code === 'DB_STALE'));
  const fail = await scan([root, '--db-max-age', '1d', '--db-max-age-fail'], env);
  assert.equal(fail.code, 2);
  assert.match(fail.err, /older than --db-max-age/);
  const missing = await scan([root, '--db', join(root, 'nope.db')], env);
  assert.equal(missing.code, 2);
});
