// ruby-advisory-db (github.com/rubysec/ruby-advisory-db, gems/<gem>/<id>.yml): gem, cve, ghsa, osvdb,
// title, date, cvss_v2/v3/v4 (scores without vectors), patched_versions and unaffected_versions
// (RubyGems requirements). A version is affected when no patched or unaffected requirement holds,
// as bundler-audit decides. The rubies/ tree (interpreters, not gems) is not a package we catalog.
import type { Advisory } from '../model.js';
import { toSeverity } from '../model.js';
import { rubygems } from '../versions/rubygems.js';
import { isRecord, parseYaml, str, strings, uniq, type Importer } from './importer.js';

export const rubysec: Importer = {
  format: 'rubysec',
  attribution: { license: 'Public domain (ruby-advisory-db)', text: 'Ruby Advisory Database, rubysec.com.' },
  accepts(path, head) {
    return /(^|\/)gems\/[^/]+\/[^/]+\.ya?ml$/i.test(path) && /(^|\n)gem:/.test(head);
  },
  parse(path, data, ctx) {
    const doc = parseYaml(path, data, ctx);
    if (!isRecord(doc)) return void (doc !== undefined && ctx.skip(path, 'not a YAML mapping'));
    const gem = str(doc.gem);
    if (!gem) return void ctx.skip(path, 'no gem');
    const cve = str(doc.cve) && `CVE-${str(doc.cve)}`;
    const ghsa = str(doc.ghsa) && `GHSA-${str(doc.ghsa)}`;
    const osvdb = str(doc.osvdb) && `OSVDB-${str(doc.osvdb)}`;
    const fileId = path
      .split('/')
      .pop()!
      .replace(/\.ya?ml$/i, '');
    const ids = uniq([ghsa, cve, osvdb, fileId].filter((x): x is string => !!x));
    const patched = strings(doc.patched_versions);
    const unaffected = strings(doc.unaffected_versions);
    for (const r of [...patched, ...unaffected]) {
      try {
        rubygems.satisfies!('0', r);
      } catch {
        return void ctx.skip(path, `requirement ${JSON.stringify(r)} is not a valid RubyGems requirement`);
      }
    }
    const date = doc.date instanceof Date ? doc.date.toISOString().slice(0, 10) : str(doc.date);
    ctx.date(date);
    const related = isRecord(doc.related) ? strings(doc.related.url) : [];
    const adv: Advisory = {
      id: ids[0]!,
      source: ctx.source,
      aliases: ids.slice(1),
      affected: [{ ecosystem: 'gem', name: gem, requirements: { patched, unaffected } }],
      references: uniq([...(str(doc.url) ? [str(doc.url)!] : []), ...related]),
    };
    if (date) adv.published = date;
    const title = str(doc.title);
    if (title) adv.summary = title;
    const desc = str(doc.description);
    if (desc) adv.details = desc;
    const scores: { version: string; score: number }[] = [];
    for (const [k, version] of [
      ['cvss_v4', '4.0'],
      ['cvss_v3', '3.x'],
      ['cvss_v2', '2.0'],
    ] as const) {
      const n = Number(doc[k]);
      if (doc[k] !== undefined && Number.isFinite(n)) scores.push({ version, score: n });
    }
    if (scores.length) adv.cvssScores = scores;
    const crit = toSeverity(str(doc.criticality));
    if (crit) adv.severity = { level: crit, source: 'rubysec' };
    ctx.advisory(adv);
  },
};
