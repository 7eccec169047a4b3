// `db update --feeds`: build the database on this machine from the upstream feeds' public URLs instead
// of downloading a published bundle. Each feed is downloaded into a temporary directory and imported
// like a local source. The list is data (defaultFeeds); a caller may pass its own, e.g. mirrors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warning } from '../../core/types.js';
import { importSource, type SourceResult } from '../build.js';
import type { VulnStore } from '../store.js';
import { getOk, type HttpOptions } from './http.js';

export interface Feed {
  /** source name in the database */
  name: string;
  url: string;
  /** file name to save it under (its extension selects the reader) */
  file: string;
}

const OSV = 'https://osv-vulnerabilities.storage.googleapis.com';
const OSV_ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Maven',
  'NuGet',
  'Packagist',
  'Debian',
  'Alpine',
  'Ubuntu',
];
const ALPINE_BRANCHES = ['v3.17', 'v3.18', 'v3.19', 'v3.20', 'v3.21', 'v3.22'];

export function defaultFeeds(): Feed[] {
  return [
    ...OSV_ECOSYSTEMS.map((e) => ({
      name: `osv-${e.toLowerCase()}`,
      url: `${OSV}/${e}/all.zip`,
      file: `osv-${e}.zip`,
    })),
    {
      name: 'debian-tracker',
      url: 'https://security-tracker.debian.org/tracker/data/json',
      file: 'debian-tracker.json',
    },
    ...ALPINE_BRANCHES.flatMap((b) =>
      ['main', 'community'].map((r) => ({
        name: `alpine-secdb-${b}-${r}`,
        url: `https://secdb.alpinelinux.org/${b}/${r}.json`,
        file: `alpine-${b}-${r}.json`,
      })),
    ),
    {
      name: 'cisa-kev',
      url: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
      file: 'cisa-kev.json',
    },
  ];
}

/** Downloads every feed and imports it; a feed that fails is a warning, the others still count. */
export async function importFeeds(
  store: VulnStore,
  feeds: Feed[],
  opts: { factsOnly?: boolean; http?: HttpOptions } = {},
  warnings: Warning[] = [],
): Promise<SourceResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-feeds-'));
  const out: SourceResult[] = [];
  try {
    for (const f of feeds) {
      try {
        const body = await getOk(f.url, opts.http ?? {});
        const path = join(dir, f.file);
        writeFileSync(path, body);
        out.push(await importSource(store, { path, name: f.name, origin: f.url }, opts, warnings));
      } catch (e) {
        warnings.push({ code: 'DB_FEED_FAILED', message: `${f.name} (${f.url}): ${(e as Error).message}` });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
