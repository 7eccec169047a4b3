// Matcher behaviour on small feeds written for these tests (testdata/feeds): statuses, alias merging,
// withdrawn advisories, "not affected" markers, --ignore-unfixed and unparsable versions.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Package } from '../core/types.js';
import { importSource } from '../vulndb/build.js';
import { VulnStore } from '../vulndb/store.js';
import { matchPackages } from './index.js';

const feeds = fileURLToPath(new URL('./testdata/feeds', import.meta.url));
const pkg = (p: Partial<Package> & Pick<Package, 'name' | 'version' | 'ecosystem'>): Package => ({
  purl: `pkg:${p.ecosystem}/${p.name}@${p.version}`,
  locations: [{ path: 'x', layerIndex: 0 }],
  foundBy: 'test',
  ...p,
});

// twice: on a finished database (match_index and adv_details precomputed) and on one still being built
// (the same candidate lists computed from the base tables on demand)
for (const finished of [true, false])
  describe(`matcher on test feeds (${finished ? 'finished database' : 'unfinished database'})`, () => {
    let store: VulnStore;
    before(async () => {
      store = VulnStore.create(':memory:');
      await importSource(store, { path: join(feeds, 'osv'), name: 'osv-test' });
      await importSource(store, { path: join(feeds, 'debian.json'), name: 'debian-test' });
      await importSource(store, { path: join(feeds, 'secdb'), name: 'secdb-test' });
      if (finished) store.finish();
    });

    test('PyPI: normalised names, GHSA and PYSEC merged into one finding, withdrawn ignored', () => {
      const { findings } = matchPackages(
        [pkg({ name: 'demo.pkg', version: '1.3.0', ecosystem: 'pypi' })],
        undefined,
        store,
      );
      assert.equal(findings.length, 1);
      const f = findings[0]!;
      assert.equal(f.id, 'GHSA-aaaa-bbbb-cccc');
      assert.deepEqual(f.aliases, ['CVE-2024-0001', 'PYSEC-2024-1']);
      assert.deepEqual(f.fixedVersions, ['1.4.2']);
      assert.equal(f.severity, 'medium');
      assert.equal(f.severitySource, 'ghsa');
      assert.equal(f.cvss?.[0]?.score, 9.8);
    });

    test('PyPI: last_affected is inclusive, later versions are not affected', () => {
      const ids = (v: string) =>
        matchPackages(
          [pkg({ name: 'demo-pkg', version: v, ecosystem: 'pypi' })],
          undefined,
          store,
        ).findings.map((f) => f.id);
      assert.deepEqual(ids('2.1'), ['GHSA-aaaa-bbbb-cccc']);
      assert.deepEqual(ids('2.1.post1'), []);
      assert.deepEqual(ids('1.4.2'), []);
      assert.deepEqual(ids('2.0b1'), []);
    });

    test('Debian: open, fixed, not affected, ignored; urgency as vendor severity', () => {
      const os = { family: 'debian', version: '12' };
      const zlib = pkg({
        name: 'zlib1g',
        version: '1:1.2.13.dfsg-1',
        ecosystem: 'deb',
        source: { name: 'zlib', version: '1:1.2.13.dfsg-1' },
      });
      const { findings } = matchPackages([zlib], os, store);
      const by = new Map(findings.map((f) => [f.id, f]));
      assert.deepEqual([...by.keys()].sort(), ['CVE-2024-1000', 'CVE-2024-1001', 'CVE-2024-1003']);
      assert.equal(by.get('CVE-2024-1000')!.status, 'affected');
      assert.equal(by.get('CVE-2024-1000')!.fixedVersions, undefined);
      assert.equal(by.get('CVE-2024-1000')!.severity, 'high');
      assert.equal(by.get('CVE-2024-1000')!.severitySource, 'debian');
      assert.deepEqual(by.get('CVE-2024-1001')!.fixedVersions, ['1:1.2.13.dfsg-2']);
      assert.equal(by.get('CVE-2024-1003')!.status, 'will_not_fix');
      const strict = matchPackages([zlib], os, store, { ignoreUnfixed: true }).findings.map((f) => f.id);
      assert.deepEqual(strict, ['CVE-2024-1001']);
    });

    test('Alpine: by origin and branch; "0" never matches; below/at/above', () => {
      const os = { family: 'alpine', version: '3.19.1' };
      const ids = (v: string) =>
        matchPackages(
          [
            pkg({
              name: 'libcrypto3',
              version: v,
              ecosystem: 'apk',
              source: { name: 'openssl', version: v },
            }),
          ],
          os,
          store,
        ).findings.map((f) => f.id);
      assert.deepEqual(ids('3.1.4-r0').sort(), ['CVE-2023-5678', 'CVE-2023-6129', 'CVE-2023-6237']);
      assert.deepEqual(ids('3.1.4-r1').sort(), ['CVE-2023-6129', 'CVE-2023-6237']);
      assert.deepEqual(ids('3.1.4-r3'), []);
      assert.deepEqual(ids('3.2.0-r0'), []);
      for (const v of ['0.9.0-r0', '3.1.4-r0', '3.2.0-r0']) assert.ok(!ids(v).includes('CVE-2022-1343'));
      const other = matchPackages(
        [pkg({ name: 'openssl', version: '3.0.0-r0', ecosystem: 'apk' })],
        { family: 'alpine', version: '3.18.0' },
        store,
      );
      assert.equal(other.findings.length, 0);
      assert.equal(other.warnings[0]?.code, 'VULN_NO_DISTRO_DATA');
    });

    test('unparsable installed versions give status unknown and a warning', () => {
      const os = { family: 'debian', version: '12' };
      const r = matchPackages(
        [
          pkg({
            name: 'zlib1g',
            version: 'bad version',
            ecosystem: 'deb',
            source: { name: 'zlib', version: 'bad version' },
          }),
        ],
        os,
        store,
      );
      assert.ok(r.findings.length >= 3);
      assert.ok(
        r.findings.every(
          (f) => f.status === 'unknown' || f.status === 'affected' || f.status === 'will_not_fix',
        ),
      );
      assert.ok(r.findings.some((f) => f.status === 'unknown'));
      assert.equal(r.warnings[0]?.code, 'VULN_VERSION_UNPARSABLE');
    });
  });
