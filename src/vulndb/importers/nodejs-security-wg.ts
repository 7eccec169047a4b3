// The Node.js security working group's database (github.com/nodejs/security-wg, vuln/): npm/<n>.json
// (legacy npm advisories: module_name, vulnerable_versions, patched_versions as npm ranges, cves,
// cvss_vector) and core/<n>.json (the Node.js runtime: vulnerable, patched, severity). Ids follow the
// group's README: NSWG-ECO-<n> and NSWG-COR-<n>. Runtime advisories are stored for package
// generic/node, the purl a Node.js binary gets.
import type { Advisory } from '../model.js';
import { toSeverity } from '../model.js';
import { semver } from '../versions/semver.js';
import { isRecord, parseJson, str, strings, uniq, type Importer } from './importer.js';

export const nodejsSecurityWg: Importer = {
  format: 'nodejs-security-wg',
  attribution: {
    license: 'MIT (nodejs/security-wg)',
    text: 'Node.js Security Working Group vulnerability database.',
  },
  accepts(path) {
    return /(^|\/)vuln\/(npm|core)\/\d+\.json$/i.test(path);
  },
  parse(path, data, ctx) {
    const doc = parseJson(path, data, ctx);
    if (!isRecord(doc)) return void (doc !== undefined && ctx.skip(path, 'not a JSON object'));
    const core = /\/core\/\d+\.json$/i.test(path) || /^vuln\/core\//.test(path);
    const n = /(\d+)\.json$/i.exec(path)![1]!;
    const id = `NSWG-${core ? 'COR' : 'ECO'}-${n}`;
    const name = core ? 'node' : str(doc.module_name);
    if (!name) return void ctx.skip(path, 'no module_name');
    const vulnerable = str(core ? doc.vulnerable : doc.vulnerable_versions);
    const patched = str(core ? doc.patched : doc.patched_versions);
    if (!vulnerable) return void ctx.skip(path, 'no vulnerable range');
    for (const r of [vulnerable, patched]) {
      if (r === undefined) continue;
      try {
        semver.satisfies!('0.0.0', r);
      } catch {
        return void ctx.skip(path, `range ${JSON.stringify(r)} is not a valid npm range`);
      }
    }
    const dates = [str(doc.updated_at), str(doc.created_at), str(doc.publish_date)];
    ctx.date(dates.find(Boolean));
    const adv: Advisory = {
      id,
      source: ctx.source,
      aliases: uniq([...strings(doc.cves), ...strings(doc.cve)]),
      affected: [
        {
          ecosystem: core ? 'generic' : 'npm',
          name,
          requirements: { vulnerable: [vulnerable], ...(patched ? { patched: [patched] } : {}) },
        },
      ],
      references: uniq([...strings(doc.references), ...strings(doc.ref)].filter((u) => /^https?:/.test(u))),
    };
    const published = str(doc.publish_date) ?? str(doc.created_at);
    if (published) adv.published = published;
    const title = str(doc.title) ?? str(doc.description);
    if (title) adv.summary = title;
    const overview = str(doc.overview);
    if (overview) adv.details = overview;
    const vector = str(doc.cvss_vector);
    if (vector) adv.cvss = [{ vector, source: 'nodejs' }];
    const sev = toSeverity(str(doc.severity));
    if (sev) adv.severity = { level: sev, source: 'nodejs' };
    ctx.advisory(adv);
  },
};
