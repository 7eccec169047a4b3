// The companion file of the changelog-derived bookworm data (debian-bookworm-packages.json): per source
// package, its versions and binaries in bookworm, bookworm-updates and bookworm-security. Stored as a
// binary → source map, used when an image's dpkg entry does not name its source package (dpkg omits
// Source: when it equals the binary name, and some minimal images strip it).
import { dpkg } from '../versions/dpkg.js';
import { isRecord, parseJson, str, type Importer } from './importer.js';

const SUITES = ['bookworm', 'bookworm-updates', 'bookworm-security'];

export const debianPackages: Importer = {
  format: 'debian-packages',
  attribution: {
    license: 'Debian archive metadata',
    text: 'Debian apt Packages indices (binary to source package map).',
  },
  accepts(path, head) {
    return /\.json$/i.test(path) && /^\s*\{\s*"_meta"\s*:/.test(head) && head.includes('apt_release_dates');
  },
  parse(path, data, ctx) {
    const doc = parseJson(path, data, ctx);
    if (!isRecord(doc) || !isRecord(doc.sources)) return void ctx.skip(path, 'no "sources" object');
    if (isRecord(doc._meta)) ctx.date(str(doc._meta.generated_at));
    for (const [source, s] of Object.entries(doc.sources)) {
      if (!isRecord(s)) {
        ctx.skip(`${path} ${source}`, 'not an object');
        continue;
      }
      // the newest suite wins: it is what an up-to-date image has
      const best = new Map<string, { version: string; sourceVersion: string; release: string }>();
      for (const suite of SUITES) {
        const entry = s[suite];
        if (!isRecord(entry) || !isRecord(entry.binaries)) continue;
        const sourceVersion = str(entry.version);
        if (!sourceVersion) continue;
        for (const [bin, ver] of Object.entries(entry.binaries)) {
          const version = str(ver);
          if (!version || !dpkg.valid(version)) continue;
          const prev = best.get(bin);
          if (!prev || dpkg.compare(version, prev.version) > 0)
            best.set(bin, { version, sourceVersion, release: suite.split('-')[0]! });
        }
      }
      for (const [binary, b] of best)
        ctx.debBinary({
          release: b.release,
          binary,
          version: b.version,
          source,
          sourceVersion: b.sourceVersion,
        });
    }
  },
};
