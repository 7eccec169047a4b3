// CISA's Known Exploited Vulnerabilities catalog (cisa.gov/known-exploited-vulnerabilities-catalog,
// known_exploited_vulnerabilities.json): vulnerabilities[].cveID, dateAdded, knownRansomwareCampaignUse.
// It flags CVEs; it carries no package data.
import { isRecord, parseJson, str, type Importer } from './importer.js';

export const cisaKev: Importer = {
  format: 'cisa-kev',
  attribution: { license: 'CC0-1.0', text: 'CISA Known Exploited Vulnerabilities Catalog.' },
  accepts(path, head) {
    return /\.json$/i.test(path) && /"catalogVersion"/.test(head);
  },
  parse(path, data, ctx) {
    const doc = parseJson(path, data, ctx);
    if (!isRecord(doc) || !Array.isArray(doc.vulnerabilities))
      return void (doc !== undefined && ctx.skip(path, 'no vulnerabilities[]'));
    ctx.date(str(doc.dateReleased));
    for (const [i, v] of doc.vulnerabilities.entries()) {
      const cve = isRecord(v) ? str(v.cveID) : undefined;
      if (!isRecord(v) || !cve || !/^CVE-\d{4}-\d{4,}$/.test(cve)) {
        ctx.skip(`${path} vulnerabilities[${i}]`, 'no valid cveID');
        continue;
      }
      ctx.kev({
        cve,
        dateAdded: str(v.dateAdded) ?? '',
        ransomware: str(v.knownRansomwareCampaignUse) === 'Known',
      });
    }
  },
};
