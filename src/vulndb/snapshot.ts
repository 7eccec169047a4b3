// Builds the snapshot embedded in the package (data/vulndb/): every advisory source in
// ../shared/data/advisories, facts only (ids, aliases, packages, ranges, versions, severities, CVSS,
// dates, reference URLs; no summaries or details), with each source's upstream snapshot date and
// attribution. Run by scripts/build-vulndb-snapshot.mjs; the result is committed (≤ 8 MB).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importSource, type SourceSpec } from './build.js';
import { importers } from './importers/index.js';
import { VulnStore } from './store.js';
import { sha256 } from './update/bundle.js';

/** Upstream snapshot dates and licences as ../shared/data/README.md records them. */
export const SNAPSHOT_SOURCES: (Omit<SourceSpec, 'path'> & {
  file: string;
  name: string;
  license: string;
  origin: string;
})[] = [
  {
    file: 'golang-vulndb-osv.tar.gz',
    name: 'go-vulndb',
    date: '2026-08-21',
    license: 'CC-BY-4.0',
    origin: 'Go vulnerability database (vuln.go.dev)',
  },
  {
    file: 'pypa-vulns.tar.gz',
    name: 'pypa-advisory-database',
    date: '2024-10-10',
    license: 'CC-BY-4.0',
    origin: 'PyPA advisory-database',
  },
  {
    file: 'rustsec-crates.tar.gz',
    name: 'rustsec',
    date: '2026-08-21',
    license: 'CC0-1.0',
    origin: 'RustSec advisory-db',
  },
  {
    file: 'rubysec.tar.gz',
    name: 'rubysec',
    date: '2026-08-22',
    license: 'public domain',
    origin: 'ruby-advisory-db',
  },
  {
    file: 'nodejs-security-wg.tar.gz',
    name: 'nodejs-security-wg',
    date: '2026-04-08',
    license: 'MIT',
    origin: 'Node.js security-wg vuln/',
  },
  {
    file: 'alpine-secdb-v3.3-v3.11.tar.gz',
    name: 'alpine-secdb',
    date: '2020-06-08',
    license: 'no licence file upstream (facts only)',
    origin: 'Alpine secdb v3.3–v3.11',
  },
  {
    file: 'cisa-kev.json.gz',
    name: 'cisa-kev',
    date: '2025-08-25',
    license: 'CC0-1.0',
    origin: 'CISA Known Exploited Vulnerabilities catalog',
  },
  {
    file: 'debian-bookworm-changelog-derived.json.gz',
    name: 'debian-bookworm',
    date: '2026-11-25',
    license: 'facts from Debian changelogs',
    origin: 'Debian bookworm fixes derived from package changelogs (not the security tracker)',
  },
  {
    file: 'debian-bookworm-packages.json.gz',
    name: 'debian-bookworm-packages',
    date: '2026-11-25',
    license: 'Debian archive metadata',
    origin: 'Debian bookworm apt Packages indices',
  },
  {
    file: 'samples',
    name: 'samples',
    date: '2023-02-27',
    license: 'CC-BY-4.0 (GitHub Advisory Database); Debian',
    origin: 'GitHub advisories for lodash and minimist; Debian security tracker excerpt',
  },
];

export interface SnapshotResult {
  bytes: number;
  dbBytes: number;
  sources: { name: string; date?: string; records: number; skipped: number }[];
}

export async function buildSnapshot(advisoriesDir: string, outDir: string): Promise<SnapshotResult> {
  mkdirSync(outDir, { recursive: true });
  const tmp = join(outDir, 'snapshot.db.tmp');
  rmSync(tmp, { force: true });
  const store = VulnStore.create(tmp);
  const sources: SnapshotResult['sources'] = [];
  for (const s of SNAPSHOT_SOURCES) {
    const path = join(advisoriesDir, s.file);
    if (!existsSync(path)) throw new Error(`${path}: missing`);
    const r = await importSource(
      store,
      { path, name: s.name, date: s.date!, origin: s.origin },
      { factsOnly: true },
    );
    sources.push({
      name: r.name,
      ...(r.snapshotDate ? { date: r.snapshotDate } : {}),
      records: r.records,
      skipped: r.skipped,
    });
  }
  // the build date of a snapshot is its newest source, so that --db-max-age judges the data, not the build
  const newest = SNAPSHOT_SOURCES.map((s) => s.date!)
    .sort()
    .pop()!;
  store.finish({ builtAt: `${newest}T00:00:00.000Z`, factsOnly: true });
  store.close();
  const raw = readFileSync(tmp);
  rmSync(tmp);
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(outDir, 'snapshot.db.gz'), gz);
  writeFileSync(
    join(outDir, 'snapshot.json'),
    `${JSON.stringify({ builtAt: `${newest}T00:00:00.000Z`, sha256: sha256(gz), bytes: gz.length, dbBytes: raw.length, sources }, null, 2)}\n`,
  );
  writeFileSync(join(outDir, 'NOTICE'), notice());
  return { bytes: gz.length, dbBytes: raw.length, sources };
}

function notice(): string {
  const lines = [
    'Palisade embedded vulnerability snapshot (data/vulndb/snapshot.db.gz)',
    '',
    'Facts only (identifiers, aliases, package names, affected ranges and versions, severities, CVSS',
    'vectors, dates and reference URLs) extracted from the following sources. No advisory text is',
    'included; `palisade db update` fetches full records.',
    '',
  ];
  for (const s of SNAPSHOT_SOURCES)
    lines.push(`- ${s.name}: ${s.origin}. Snapshot ${s.date}. Licence: ${s.license}.`);
  lines.push('', 'Source formats and their publishers:');
  for (const i of importers) lines.push(`- ${i.format}: ${i.attribution.text} (${i.attribution.license})`);
  return `${lines.join('\n')}\n`;
}
