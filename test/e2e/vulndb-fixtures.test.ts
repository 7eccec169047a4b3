// Issue 5's acceptance through the real image pipeline, on the fixture images built by
// test/fixtures/build-images.sh and the embedded snapshot (a fresh cache, no network):
// - app: npm lodash@4.17.15 and minimist@1.2.0 report the three GHSA advisories with their fixed
//   versions; the nested lodash@4.17.21 reports neither lodash advisory; the esbuild Go binary's module
//   golang.org/x/sys and its stdlib report exactly the Go vulndb entries whose ranges include them;
// - base (bookworm suite only) reports, for each source that bookworm-security upgrades, the CVEs fixed
//   after bookworm main (the real Debian data in ../shared/data names them); base-security (the same
//   image upgraded from bookworm-security) reports none of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Report, VulnerabilityFinding } from '../../src/core/types.js';
import { scanImage } from '../../src/scan/image.js';
import { goVulndbIdsAffecting } from '../../src/testing/go-vulndb-oracle.js';
import { SKIP_NO_SHARED, sharedAdvisories } from '../../src/vulndb/shared-data.js';
import { fixtures, fixturesSkip, readTsv } from './fixtures.js';

const skip = fixturesSkip() || SKIP_NO_SHARED;
const vulns = (r: Report) => r.findings.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability');

describe('vulnerabilities in the fixture images (embedded snapshot)', { skip }, () => {
  let tmp: string;
  const reports = new Map<string, Report>();
  const scan = async (name: 'app' | 'base' | 'base-security') => {
    let r = reports.get(name);
    if (!r) {
      const img = fixtures().images[name];
      r = await scanImage(`oci:${img.ociLayout}:${img.tag}`, {
        scanners: ['vuln'],
        cacheDir: join(tmp, 'layers'),
        env: { PALISADE_CACHE_DIR: join(tmp, 'cache') },
      });
      reports.set(name, r);
    }
    return r;
  };
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'palisade-e2e-vulndb-'));
  });
  after(async () => rm(tmp, { recursive: true, force: true }));

  it('app: old lodash and minimist report their GHSA advisories; the nested lodash@4.17.21 none', async () => {
    const found = vulns(await scan('app'));
    const of = (name: string, version: string) =>
      found.filter((f) => f.pkg.ecosystem === 'npm' && f.pkg.name === name && f.pkg.version === version);
    const byId = (fs: VulnerabilityFinding[]) => new Map(fs.map((f) => [f.id, f]));
    const lodash = byId(of('lodash', '4.17.15'));
    assert.deepEqual(lodash.get('GHSA-p6mc-m468-83gw')?.fixedVersions, ['4.17.20']);
    assert.deepEqual(lodash.get('GHSA-35jh-r3h4-6jhm')?.fixedVersions, ['4.17.21']);
    assert.equal(lodash.get('GHSA-p6mc-m468-83gw')?.location?.path, 'app/node_modules/lodash/package.json');
    assert.deepEqual(byId(of('minimist', '1.2.0')).get('GHSA-xvch-5gv4-984h')?.fixedVersions, ['1.2.6']);
    const nested = of('lodash', '4.17.21').map((f) => f.id);
    assert.ok(
      !nested.includes('GHSA-p6mc-m468-83gw') && !nested.includes('GHSA-35jh-r3h4-6jhm'),
      nested.join(),
    );
  });

  it('app: the Go binary reports exactly the Go vulndb entries whose ranges include its modules', async () => {
    const report = await scan('app');
    const found = vulns(report).filter((f) => f.location?.path === 'usr/local/bin/esbuild');
    const mods = report.packages.filter(
      (p) =>
        p.ecosystem === 'golang' &&
        p.locations[0]?.path === 'usr/local/bin/esbuild' &&
        p.name !== 'github.com/evanw/esbuild',
    );
    assert.deepEqual(mods.map((p) => p.name).sort(), ['golang.org/x/sys', 'stdlib']);
    for (const p of mods) {
      const got = found.filter((f) => f.pkg.name === p.name).map((f) => f.id);
      const want = await goVulndbIdsAffecting(
        join(sharedAdvisories, 'golang-vulndb-osv.tar.gz'),
        p.name,
        p.version,
      );
      assert.deepEqual(got.sort(), [...want].sort(), `${p.name}@${p.version}`);
    }
  });

  it('base reports the CVEs bookworm-security fixed in its upgraded sources; base-security none of them', async () => {
    const pk = JSON.parse(
      gunzipSync(readFileSync(join(sharedAdvisories, 'debian-bookworm-packages.json.gz'))).toString(),
    ) as {
      sources: Record<
        string,
        Record<string, { version: string }> & { cves_fixed_after_bookworm_main?: string[] }
      >;
    };
    // dpkg-query over each squashed rootfs: name, version, source name, source version, arch
    const sourcesOf = (img: 'base' | 'base-security') =>
      new Map(readTsv(fixtures().images[img].dpkgTruth).map(([, , src, srcVersion]) => [src!, srcVersion!]));
    const main = sourcesOf('base');
    const security = sourcesOf('base-security');
    // sources the upgrade changed, where the fixture and the data agree on both versions
    const expected = new Map<string, string[]>();
    for (const [src, v] of main) {
      const s = pk.sources[src];
      if (security.get(src) === v || !s) continue;
      if (s.bookworm?.version !== v || s['bookworm-security']?.version !== security.get(src)) continue;
      if (s.cves_fixed_after_bookworm_main?.length) expected.set(src, s.cves_fixed_after_bookworm_main);
    }
    assert.ok(expected.size > 0, 'bookworm-security upgrades some base sources with CVE fixes');
    const cvesBySource = (r: Report) => {
      const m = new Map<string, Set<string>>();
      for (const f of vulns(r)) {
        const src = f.pkg.source?.name ?? f.pkg.name;
        if (!m.has(src)) m.set(src, new Set());
        for (const id of [f.id, ...(f.aliases ?? [])]) m.get(src)!.add(id);
      }
      return m;
    };
    const before = cvesBySource(await scan('base'));
    const upgraded = cvesBySource(await scan('base-security'));
    for (const [src, cves] of expected) {
      const missing = cves.filter((c) => !before.get(src)?.has(c));
      assert.deepEqual(missing, [], `base: ${src} ${main.get(src)} misses CVEs fixed in bookworm-security`);
      const still = cves.filter((c) => upgraded.get(src)?.has(c));
      assert.deepEqual(still, [], `base-security: ${src} ${security.get(src)} still reports fixed CVEs`);
    }
  });
});
