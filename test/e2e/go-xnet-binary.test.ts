// A Go binary with an old golang.org/x/net (issue 5's acceptance): built here with Debian's Go toolchain
// (golang-go) from Debian's packaged x/net sources (golang-golang-x-net-dev, 0.7.0 in bookworm), vendored
// so that the build needs no network and its build info records `dep golang.org/x/net v0.7.0` as a
// module download would. The scan with the embedded snapshot must report exactly the Go vulndb entries
// whose ranges include that version (an oracle reads the Go vulndb archive in ../shared/data directly),
// and none whose ranges exclude it. CI installs both packages (.ci/setup.d/20-lang.sh, 30-vulndb.sh).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { VulnerabilityFinding } from '../../src/core/types.js';
import { scanRootfs } from '../../src/scan/filesystem.js';
import { goVulndbIdsAffecting } from '../../src/testing/go-vulndb-oracle.js';
import { SKIP_NO_SHARED, sharedAdvisories } from '../../src/vulndb/shared-data.js';

const XNET = '/usr/share/gocode/src/golang.org/x/net';
const goOk = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const debVersion = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'golang-golang-x-net-dev'], {
  encoding: 'utf8',
}).stdout;
// "1:0.7.0+dfsg-1" → "v0.7.0"
const xnetVersion = /^(?:\d+:)?(\d+\.\d+\.\d+)/.exec(debVersion ?? '')?.[1];
const skip = !goOk
  ? 'go is not installed (apt-get install golang-go)'
  : !xnetVersion || !existsSync(join(XNET, 'html'))
    ? 'golang-golang-x-net-dev is not installed'
    : SKIP_NO_SHARED;

describe('a Go binary built with an old golang.org/x/net', { skip }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pal-go-xnet-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('reports exactly the Go vulndb entries whose ranges include its x/net version', async () => {
    const version = `v${xnetVersion}`;
    const src = join(tmp, 'src');
    mkdirSync(join(src, 'vendor/golang.org/x/net'), { recursive: true });
    cpSync(join(XNET, 'html'), join(src, 'vendor/golang.org/x/net/html'), { recursive: true });
    writeFileSync(
      join(src, 'go.mod'),
      `module example.com/xnetdemo\n\ngo 1.19\n\nrequire golang.org/x/net ${version}\n`,
    );
    writeFileSync(
      join(src, 'vendor/modules.txt'),
      `# golang.org/x/net ${version}\n## explicit; go 1.17\ngolang.org/x/net/html\ngolang.org/x/net/html/atom\n`,
    );
    writeFileSync(
      join(src, 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\t"strings"\n\n\t"golang.org/x/net/html"\n)\n\n' +
        'func main() {\n\tdoc, err := html.Parse(strings.NewReader("<p>hi</p>"))\n' +
        '\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(doc.FirstChild.Data)\n}\n',
    );
    const rootfs = join(tmp, 'rootfs');
    const bin = join(rootfs, 'usr/local/bin/xnetdemo');
    mkdirSync(join(rootfs, 'usr/local/bin'), { recursive: true });
    const env = {
      ...process.env,
      GOFLAGS: '-mod=vendor',
      GOPROXY: 'off',
      GOCACHE: join(tmp, 'gocache'),
      GOPATH: join(tmp, 'gopath'),
      CGO_ENABLED: '0',
    };
    const built = spawnSync('go', ['build', '-o', bin, '.'], { cwd: src, env, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    chmodSync(bin, 0o755);
    const info = spawnSync('go', ['version', '-m', bin], { encoding: 'utf8' }).stdout;
    assert.match(info, new RegExp(`dep\\s+golang\\.org/x/net\\s+${version.replaceAll('.', '\\.')}`));

    const report = await scanRootfs(rootfs, {
      scanners: ['vuln'],
      noCache: true,
      env: { PALISADE_CACHE_DIR: join(tmp, 'cache') },
    });
    const pkg = report.packages.find((p) => p.ecosystem === 'golang' && p.name === 'golang.org/x/net');
    assert.ok(pkg, 'x/net cataloged from the binary');
    assert.equal(pkg.version, version);
    const got = report.findings
      .filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability')
      .filter((f) => f.pkg.name === 'golang.org/x/net')
      .map((f) => f.id)
      .sort();
    const want = [
      ...(await goVulndbIdsAffecting(join(sharedAdvisories, 'golang-vulndb-osv.tar.gz'), pkg.name, version)),
    ].sort();
    assert.ok(want.length > 0, `the Go vulndb has entries affecting x/net ${version}`);
    assert.deepEqual(got, want);
  });
});
