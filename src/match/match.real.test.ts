// Acceptance tests of issue 5 on the real upstream data in ../shared/data/advisories.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { OSInfo, Package, VulnerabilityFinding } from '../core/types.js';
import { goVulndbIdsAffecting } from '../testing/go-vulndb-oracle.js';
import { importSource } from '../vulndb/build.js';
import { SKIP_NO_SHARED, sharedAdvisories as dir } from '../vulndb/shared-data.js';
import { VulnStore } from '../vulndb/store.js';
import { dpkg } from '../vulndb/versions/dpkg.js';
import { schemeFor } from '../vulndb/versions/index.js';
import { matchPackages } from './index.js';
import { evaluate, requirementVersions } from './ranges.js';

const loc = [{ path: 'app/package-lock.json', layerIndex: 2, layerDiffId: 'sha256:abc' }];
const npm = (name: string, version: string): Package => ({
  name,
  version,
  ecosystem: 'npm',
  purl: `pkg:npm/${name}@${version}`,
  locations: loc,
  foundBy: 'test',
});
const gomod = (name: string, version: string): Package => ({
  name,
  version,
  ecosystem: 'golang',
  purl: `pkg:golang/${name}@${version}`,
  locations: [{ path: 'usr/local/bin/app', layerIndex: 1 }],
  foundBy: 'test',
});
const ids = (fs: VulnerabilityFinding[]) => fs.flatMap((f) => [f.id, ...(f.aliases ?? [])]);

describe('matching on the real advisory data', { skip: SKIP_NO_SHARED }, () => {
  let store: VulnStore;
  before(async () => {
    store = VulnStore.create(':memory:');
    for (const f of [
      'samples',
      'golang-vulndb-osv.tar.gz',
      'debian-bookworm-changelog-derived.json.gz',
      'debian-bookworm-packages.json.gz',
      'alpine-secdb-v3.3-v3.11.tar.gz',
      'nodejs-security-wg.tar.gz',
      'cisa-kev.json.gz',
      'rustsec-crates.tar.gz',
      'rubysec.tar.gz',
      'pypa-vulns.tar.gz',
    ])
      await importSource(store, { path: join(dir, f) });
    store.finish();
  });

  test('lodash@4.17.15 and minimist@1.2.0 report the three GHSA advisories with their fixed versions', () => {
    const { findings, warnings } = matchPackages(
      [npm('lodash', '4.17.15'), npm('minimist', '1.2.0')],
      undefined,
      store,
    );
    assert.deepEqual(warnings, []);
    const byId = new Map(findings.map((f) => [f.id, f]));
    const p6mc = byId.get('GHSA-p6mc-m468-83gw');
    const jhm = byId.get('GHSA-35jh-r3h4-6jhm');
    const xvch = byId.get('GHSA-xvch-5gv4-984h');
    assert.ok(p6mc && jhm && xvch, `got ${[...byId.keys()].join(', ')}`);
    assert.equal(p6mc.pkg.name, 'lodash');
    assert.deepEqual(p6mc.fixedVersions, ['4.17.20']);
    assert.equal(jhm.pkg.name, 'lodash');
    assert.deepEqual(jhm.fixedVersions, ['4.17.21']);
    assert.equal(xvch.pkg.name, 'minimist');
    // 0.2.4 fixes the 0.x line only
    assert.deepEqual(xvch.fixedVersions, ['1.2.6']);
    for (const f of [p6mc, jhm, xvch]) {
      assert.equal(f.status, 'affected');
      assert.equal(f.severitySource, 'ghsa');
      assert.ok(f.cvss?.length, 'cvss vector scored');
      assert.deepEqual(f.locations, loc);
      assert.equal(f.location?.layerIndex, 2);
    }
    assert.equal(p6mc.severity, 'high');
    assert.ok(p6mc.aliases?.includes('CVE-2020-8203'));
    // one finding per vulnerability and package: aliases merged, no duplicate ids
    const all = ids(findings);
    assert.equal(new Set(all).size, all.length, `duplicates in ${all.join(', ')}`);
  });

  test('lodash@4.17.21 reports neither lodash advisory', () => {
    const { findings } = matchPackages([npm('lodash', '4.17.21')], undefined, store);
    const got = ids(findings);
    assert.ok(!got.includes('GHSA-p6mc-m468-83gw'));
    assert.ok(!got.includes('GHSA-35jh-r3h4-6jhm'));
  });

  test('an old golang.org/x/net reports exactly the Go vulndb entries whose ranges include it', async () => {
    const version = 'v0.0.0-20210428140749-89ef3d95e781';
    const { findings } = matchPackages([gomod('golang.org/x/net', version)], undefined, store);
    const got = new Set(findings.map((f) => f.id));
    assert.ok(got.size > 5, `only ${got.size} findings`);
    // GO-2022-0236 was fixed exactly at this pseudo-version: excluded
    assert.ok(!got.has('GO-2022-0236'));
    // an independent oracle over every Go record for golang.org/x/net: introduced ≤ v < fixed
    const want = await goVulndbIdsAffecting(
      join(dir, 'golang-vulndb-osv.tar.gz'),
      'golang.org/x/net',
      version,
    );
    assert.deepEqual([...got].sort(), [...want].sort());
    for (const f of findings) assert.ok(f.fixedVersions?.length, `${f.id} has a fix`);
  });

  test('Go stdlib is matched from the toolchain version', () => {
    const { findings } = matchPackages([gomod('stdlib', '1.16.3')], undefined, store);
    assert.ok(
      findings.some((f) => f.id === 'GO-2022-0236'),
      'net/http large header panic, fixed in 1.16.4',
    );
    const newer = matchPackages([gomod('stdlib', '1.16.4')], undefined, store).findings;
    assert.ok(!newer.some((f) => f.id === 'GO-2022-0236'));
  });

  describe('Debian bookworm (changelog-derived data)', () => {
    const pk = JSON.parse(
      gunzipSync(readFileSync(join(dir, 'debian-bookworm-packages.json.gz'))).toString(),
    ) as {
      sources: Record<
        string,
        Record<string, { version: string; binaries: Record<string, string> }> & {
          cves_fixed_after_bookworm_main: string[];
        }
      >;
    };
    const os: OSInfo = { family: 'debian', version: '12', codename: 'bookworm' };
    const image = (suite: 'bookworm' | 'bookworm-security'): Package[] => {
      const out: Package[] = [];
      for (const [src, s] of Object.entries(pk.sources)) {
        const e = s[suite];
        if (!e?.binaries) continue;
        // one binary per source (plus libssl3) keeps the test fast; every source is covered
        const bins = Object.entries(e.binaries).filter(([b], i) => i === 0 || b === 'libssl3');
        for (const [bin, ver] of bins)
          out.push({
            name: bin,
            version: ver,
            ecosystem: 'deb',
            purl: `pkg:deb/debian/${bin}@${encodeURIComponent(ver)}?arch=amd64&distro=debian-12`,
            source: { name: src, version: e.version },
            locations: [{ path: 'var/lib/dpkg/status', layerIndex: 0 }],
            foundBy: 'test',
          });
      }
      return out;
    };

    test('packages at bookworm-main versions report the CVEs fixed after main, per source', () => {
      const pkgs = image('bookworm');
      const { findings, warnings } = matchPackages(pkgs, os, store);
      assert.deepEqual(warnings, []);
      const bySource = new Map<string, Set<string>>();
      for (const f of findings) {
        assert.equal(f.status, 'affected');
        const s = bySource.get(f.pkg.source!.name) ?? new Set();
        s.add(f.id);
        bySource.set(f.pkg.source!.name, s);
      }
      let checked = 0;
      for (const [src, s] of Object.entries(pk.sources)) {
        if (!s.bookworm?.binaries) continue;
        const want = [...(s.cves_fixed_after_bookworm_main ?? [])].sort();
        assert.deepEqual([...(bySource.get(src) ?? [])].sort(), want, `source ${src}`);
        checked += want.length;
      }
      assert.ok(checked > 9_000, `${checked} CVEs checked`);
      const libssl = findings.filter((f) => f.pkg.name === 'libssl3');
      assert.ok(libssl.length > 0, 'libssl3 matched through source openssl');
      const f = libssl[0]!;
      assert.equal(f.pkg.source?.name, 'openssl');
      assert.equal(f.severity, 'unknown', 'the derived data has no urgency');
      assert.ok(f.fixedVersions?.length);
      assert.equal(f.location?.path, 'var/lib/dpkg/status');
    });

    test('the same packages upgraded from bookworm-security report none of them', () => {
      // apt takes the higher of main and security: security can be older (later point releases)
      const bySource = (ps: Package[]) => new Map(ps.map((p) => [p.source!.name, p]));
      const main = bySource(image('bookworm'));
      const upgraded = new Map(main);
      for (const [src, p] of bySource(image('bookworm-security'))) {
        const m = main.get(src);
        if (!m || dpkg.compare(p.source!.version, m.source!.version) > 0) upgraded.set(src, p);
      }
      const { findings } = matchPackages([...upgraded.values()], os, store);
      assert.deepEqual(
        findings.map((f) => `${f.pkg.source?.name} ${f.id}`),
        [],
        'every CVE in the data is fixed at or below the newest bookworm version',
      );
      assert.ok(upgraded.size > 390);
    });

    test('a binary without Source: is mapped through the companion packages file', () => {
      const { findings } = matchPackages(
        [
          {
            name: 'libssl3',
            version: '3.0.20-1~deb12u2',
            ecosystem: 'deb',
            purl: 'pkg:deb/debian/libssl3@3.0.20-1~deb12u2?arch=amd64&distro=debian-12',
            locations: [],
            foundBy: 'test',
          },
        ],
        os,
        store,
      );
      assert.deepEqual(
        findings.map((f) => f.id).sort(),
        [...pk.sources.openssl!.cves_fixed_after_bookworm_main].sort(),
      );
    });
  });

  describe('Alpine secdb', () => {
    const apkPkg = (name: string, version: string, origin = name): Package => ({
      name,
      version,
      ecosystem: 'apk',
      purl: `pkg:apk/alpine/${name}@${version}?arch=x86_64&distro=alpine-3.10.4`,
      source: { name: origin, version },
      locations: [{ path: 'lib/apk/db/installed', layerIndex: 0 }],
      foundBy: 'test',
    });
    const os: OSInfo = { family: 'alpine', version: '3.10.4' };
    const cves = (p: Package) => matchPackages([p], os, store).findings.map((f) => f.id);

    test('below a secfixes version matches; at or above does not', () => {
      // v3.10/main.yaml: apache2 2.4.41-r0: CVE-2019-9517 …; 2.4.39-r0: CVE-2019-0211 …
      assert.ok(cves(apkPkg('apache2', '2.4.40-r0')).includes('CVE-2019-9517'));
      assert.ok(!cves(apkPkg('apache2', '2.4.40-r0')).includes('CVE-2019-0211'));
      assert.ok(!cves(apkPkg('apache2', '2.4.41-r0')).includes('CVE-2019-9517'));
      assert.ok(!cves(apkPkg('apache2', '2.4.43-r0')).includes('CVE-2019-9517'));
      // matched by origin: apache2-utils comes from apache2
      assert.ok(cves(apkPkg('apache2-utils', '2.4.40-r0', 'apache2')).includes('CVE-2019-9517'));
      const f = matchPackages([apkPkg('apache2', '2.4.40-r0')], os, store).findings.find(
        (x) => x.id === 'CVE-2019-9517',
      )!;
      assert.deepEqual(f.fixedVersions, ['2.4.41-r0']);
    });
  });

  // The matcher skips a package whose version is at or above its candidate list's precomputed bound;
  // check on every list of the real data that no candidate matches there, at versions the data names
  // and just above the bound (patch, minor, major steps).
  test("no candidate matches at or above its list's precomputed bound", () => {
    let probed = 0;
    for (const eco of ['npm', 'golang', 'pypi', 'cargo', 'gem']) {
      const scheme = schemeFor(eco)!;
      const names = store.db
        .prepare(`SELECT DISTINCT name FROM affected WHERE ecosystem = ?`)
        .pluck()
        .all(eco) as string[];
      for (const [name, c] of store.candidates.lang(eco, names)) {
        if (c.bound === null || c.open !== 0) continue;
        const b = c.bound;
        const probes = new Set([b]);
        const m = /^(v?)(\d+)\.(\d+)\.(\d+)/.exec(b);
        if (m) {
          const [, pre, x, y, z] = m.map((n, i) => (i === 1 ? n : Number(n))) as [
            unknown,
            string,
            number,
            number,
            number,
          ];
          for (const v of [`${x}.${y}.${z + 1}`, `${x}.${y + 1}.0`, `${x + 1}.0.0`, `${x + 10}.0.0`])
            probes.add(pre + v);
        }
        for (const { data } of c.list) {
          for (const r of data.ranges ?? []) for (const e of r) probes.add(Object.values(e)[0] as string);
          for (const v of data.versions ?? []) probes.add(v);
          for (const r of Object.values(data.requirements ?? {}).flat())
            for (const v of requirementVersions(r)) probes.add(v);
        }
        for (const v of probes) {
          if (!scheme.valid(v)) continue;
          const d = scheme.compare(v, b);
          if (d < 0 || (d === 0 && !c.incl)) continue;
          probed++;
          for (const { row, data } of c.list)
            assert.ok(
              !evaluate(data, v, scheme).affected,
              `${eco}/${name}@${v}: ${row.id} matches at or above bound ${b}`,
            );
        }
      }
    }
    assert.ok(probed > 1000, `${probed} probes`);
  });

  test('unparsable versions are reported as unknown with a warning, never dropped', () => {
    const { findings, warnings } = matchPackages([npm('lodash', 'not-a-version')], undefined, store);
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.status === 'unknown'));
    assert.equal(warnings[0]?.code, 'VULN_VERSION_UNPARSABLE');
  });
});
