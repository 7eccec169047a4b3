// OSV records (ossf.github.io/osv-schema, 1.0–1.7) as JSON or YAML: osv.dev's all.zip, the Go
// vulnerability DB (data/osv/GO-*.json), GitHub advisories, PyPA's advisory-database (vulns/**/*.yaml).
// Language ecosystems keep their ranges; distro ecosystems (Debian:12, Alpine:v3.18, Ubuntu:22.04) turn
// into per-release statuses like the distros' own trackers.
import type { Ecosystem } from '../../core/types.js';
import type { Advisory, AffectedPackage, DistroEntry, RangeEvent } from '../model.js';
import { toSeverity } from '../model.js';
import { normalizeName, osvEcosystem } from '../names.js';
import { schemeFor } from '../versions/index.js';
import {
  isRecord,
  parseJson,
  parseYaml,
  str,
  strings,
  uniq,
  type ImportContext,
  type Importer,
} from './importer.js';

export const osv: Importer = {
  format: 'osv',
  attribution: {
    license:
      'CC-BY-4.0 (osv.dev, GitHub Advisory Database, Go vulnerability database, PyPA advisory-database)',
    text: 'OSV-format advisories: OSV.dev and the publishing databases named by each record id prefix.',
  },
  accepts(path, head) {
    if (/\.ya?ml$/i.test(path))
      return /(^|\n)id:\s*\S/.test(head) && /(^|\n)(affected|withdrawn|modified):/.test(head);
    return (
      /\.json$/i.test(path) &&
      /"id"\s*:/.test(head) &&
      /"(affected|modified|withdrawn|schema_version)"\s*:/.test(head)
    );
  },
  parse(path, data, ctx) {
    const doc = /\.ya?ml$/i.test(path) ? parseYaml(path, data, ctx) : parseJson(path, data, ctx);
    if (doc === undefined) return;
    const adv = osvToAdvisory(doc, ctx.source, path, ctx);
    if (adv) ctx.advisory(adv);
  },
};

export function osvToAdvisory(
  doc: unknown,
  source: string,
  where: string,
  ctx: ImportContext,
): Advisory | undefined {
  if (!isRecord(doc)) return (ctx.skip(where, 'not an OSV object'), undefined);
  const id = str(doc.id);
  if (!id) return (ctx.skip(where, 'OSV record without an id'), undefined);
  const adv: Advisory = { id, source, aliases: uniq(strings(doc.aliases)), affected: [] };
  const published = str(doc.published);
  const modified = str(doc.modified);
  if (published) adv.published = published;
  if (modified && !modified.startsWith('0001-')) adv.modified = modified;
  ctx.date(adv.modified);
  ctx.date(adv.published);
  const withdrawn = str(doc.withdrawn);
  if (withdrawn) adv.withdrawn = withdrawn;
  const summary = str(doc.summary);
  if (summary) adv.summary = summary;
  const details = str(doc.details);
  if (details) adv.details = details;
  const refs = Array.isArray(doc.references) ? doc.references : [];
  adv.references = uniq(
    refs.map((r) => (isRecord(r) ? str(r.url) : undefined)).filter((u): u is string => !!u),
  );
  const sevSource = id.startsWith('GHSA-') ? 'ghsa' : source;
  adv.cvss = [];
  for (const s of Array.isArray(doc.severity) ? doc.severity : []) {
    if (!isRecord(s)) continue;
    const type = str(s.type);
    const score = str(s.score);
    if (!type || !score) continue;
    if (type.startsWith('CVSS_')) adv.cvss.push({ vector: score, source: sevSource });
    else if (type === 'Ubuntu') {
      const level = toSeverity(score);
      if (level) adv.severity = { level, source: 'ubuntu' };
    }
  }
  const dbSpecific = isRecord(doc.database_specific) ? doc.database_specific : {};
  const rated = toSeverity(str(dbSpecific.severity));
  if (rated && !adv.severity) adv.severity = { level: rated, source: sevSource };

  for (const [i, a] of (Array.isArray(doc.affected) ? doc.affected : []).entries()) {
    if (!isRecord(a) || !isRecord(a.package)) {
      ctx.skip(`${where} affected[${i}]`, 'no package');
      continue;
    }
    const ecoName = str(a.package.ecosystem);
    const name = str(a.package.name);
    const eco = ecoName ? osvEcosystem(ecoName) : undefined;
    if (!eco || !name) continue; // ecosystems we do not catalog are not an error
    const ranges = parseRanges(a.ranges, eco.ecosystem, `${where} ${name}`, ctx);
    const versions = strings(a.versions).filter((v) => schemeFor(eco.ecosystem)?.valid(v) ?? true);
    if (ranges === undefined) continue;
    if (eco.distro) {
      adv.distro ??= [];
      adv.distro.push(
        ...distroEntries(eco.distro, eco.release, normalizeName(eco.ecosystem, name), ranges, a),
      );
      continue;
    }
    if (!ranges.length && !versions.length) {
      ctx.skip(`${where} ${name}`, 'affected package without ranges or versions');
      continue;
    }
    const p: AffectedPackage = { ecosystem: eco.ecosystem, name: normalizeName(eco.ecosystem, name) };
    if (ranges.length) p.ranges = ranges;
    if (versions.length) p.versions = versions;
    adv.affected.push(p);
    for (const s of Array.isArray(a.severity) ? a.severity : [])
      if (isRecord(s) && str(s.type)?.startsWith('CVSS_') && str(s.score))
        adv.cvss.push({ vector: str(s.score)!, source: sevSource });
  }
  return adv;
}

/** ECOSYSTEM and SEMVER ranges as event lists; undefined (and a skip) when a boundary is unparsable. */
function parseRanges(
  x: unknown,
  ecosystem: Ecosystem,
  where: string,
  ctx: ImportContext,
): RangeEvent[][] | undefined {
  const out: RangeEvent[][] = [];
  const scheme = schemeFor(ecosystem);
  for (const r of Array.isArray(x) ? x : []) {
    if (!isRecord(r)) continue;
    const type = str(r.type);
    if (type !== 'ECOSYSTEM' && type !== 'SEMVER') continue; // GIT ranges have no version order
    const events: RangeEvent[] = [];
    for (const e of Array.isArray(r.events) ? r.events : []) {
      if (!isRecord(e)) continue;
      const [k, v] = Object.entries(e)[0] ?? [];
      const val = str(v);
      if (!val || !k || !['introduced', 'fixed', 'last_affected', 'limit'].includes(k)) continue;
      if (
        scheme &&
        !(k === 'introduced' && val === '0') &&
        !(k === 'limit' && val === '*') &&
        !scheme.valid(val)
      ) {
        ctx.skip(where, `${k} version ${JSON.stringify(val)} is not a valid ${scheme.name} version`);
        return undefined;
      }
      events.push({ [k]: val } as RangeEvent);
    }
    if (events.length) out.push(events);
  }
  return out;
}

function distroEntries(
  distro: string,
  release: string | undefined,
  pkg: string,
  ranges: RangeEvent[][],
  a: Record<string, unknown>,
): DistroEntry[] {
  if (!release) return [];
  const eco = isRecord(a.ecosystem_specific) ? a.ecosystem_specific : {};
  const severity = toSeverity(str(eco.urgency) ?? str(eco.severity));
  const fixed = ranges
    .flat()
    .map((e) => ('fixed' in e ? e.fixed : undefined))
    .filter((v): v is string => !!v);
  const base = { distro, release, package: pkg, ...(severity ? { severity } : {}) };
  if (!fixed.length) return [{ ...base, status: 'affected' }];
  return fixed.map((f) => ({ ...base, status: 'fixed' as const, fixedVersion: f }));
}
