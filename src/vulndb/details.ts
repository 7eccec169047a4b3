// What a finding says about its vulnerability beyond the match itself (CVSS, references, KEV, summary,
// GitHub's rating), gathered from every advisory that describes it: the matched one and every advisory
// whose id or alias is one of its ids (a GO- entry's CVE alias brings the NVD vector of the Debian CVE
// row and the GHSA rating). assembleDetails is the one definition; match-index.ts applies it once per
// advisory when the database is built, the matcher at run time only for findings that merge several
// matched advisories.
import type Database from 'better-sqlite3';
import type { Severity } from '../core/types.js';
import type { AdvisoryRow } from './match-index.js';

export interface VulnDetails {
  cvss: { version: string; vector?: string; score: number; source?: string }[];
  /** the GHSA rating of this vulnerability when a GHSA advisory for it is in the DB */
  ghsaSeverity?: Severity;
  references: string[];
  kev: boolean;
  summary?: string;
}

export interface AdvisoryFacts {
  cvss: Map<number, VulnDetails['cvss']>;
  refs: Map<number, string[]>;
  summary: Map<number, string>;
  kev: Set<string>;
}

/** Everything known about one vulnerability, from all advisories that describe it (first one wins). */
export function assembleDetails(rows: AdvisoryRow[], ids: string[], facts: AdvisoryFacts): VulnDetails {
  const cvss: VulnDetails['cvss'] = [];
  const seen = new Set<string>();
  const refs = new Set<string>();
  let summary: string | undefined;
  let ghsaSeverity: Severity | undefined;
  const done = new Set<number>();
  for (const r of rows) {
    if (done.has(r.rowid)) continue;
    done.add(r.rowid);
    for (const c of facts.cvss.get(r.rowid) ?? []) {
      const k = `${c.version}|${c.vector ?? c.score}`;
      if (!seen.has(k)) {
        seen.add(k);
        cvss.push(c);
      }
    }
    for (const u of facts.refs.get(r.rowid) ?? []) refs.add(u);
    summary ??= facts.summary.get(r.rowid);
    if (r.severity_source === 'ghsa' && r.severity) ghsaSeverity ??= r.severity;
  }
  return {
    cvss,
    references: [...refs],
    kev: ids.some((i) => facts.kev.has(i)),
    ...(ghsaSeverity ? { ghsaSeverity } : {}),
    ...(summary ? { summary } : {}),
  };
}

/** The ids a matched advisory stands for: its own, then its aliases. */
export const idsOf = (r: AdvisoryRow): string[] => [r.id, ...(r.aliases ? r.aliases.split(' ') : [])];

/**
 * All of the database's facts in memory, for computing every advisory's details in one pass at build
 * time. Orders are those of the run-time queries (VulnStore.related/facts): per key, advisories with
 * that id by rowid, then those with that alias by alias row; CVSS by row; references by URL.
 */
export class FactsSnapshot {
  readonly facts: AdvisoryFacts = { cvss: new Map(), refs: new Map(), summary: new Map(), kev: new Set() };
  private byKey = new Map<string, AdvisoryRow[]>();

  constructor(db: Database.Database) {
    const rows = new Map<number, AdvisoryRow>();
    const push = (k: string, r: AdvisoryRow) => {
      const list = this.byKey.get(k);
      if (list) list.push(r);
      else this.byKey.set(k, [r]);
    };
    for (const [rowid, id, source, withdrawn, severity, sevSource, summary] of db
      .prepare(
        `SELECT rowid, id, source, withdrawn, severity, severity_source, summary FROM advisories ORDER BY rowid`,
      )
      .raw()
      .all() as [number, string, string, string | null, Severity | null, string | null, string | null][]) {
      if (summary !== null) this.facts.summary.set(rowid, summary);
      if (withdrawn) continue;
      const r: AdvisoryRow = { rowid, id, source, severity, severity_source: sevSource, aliases: null };
      rows.set(rowid, r);
      push(id, r);
    }
    // after every id match: a key's list has the advisories with that id, then those with that alias
    for (const [adv, alias] of db.prepare(`SELECT adv, alias FROM aliases ORDER BY rowid`).raw().all() as [
      number,
      string,
    ][]) {
      const r = rows.get(adv);
      if (r) push(alias, r);
    }
    for (const [adv, version, vector, score, source] of db
      .prepare(`SELECT adv, version, vector, score, source FROM cvss ORDER BY adv, rowid`)
      .raw()
      .all() as [number, string, string | null, number, string | null][]) {
      const list = this.facts.cvss.get(adv) ?? [];
      list.push({ version, score, ...(vector ? { vector } : {}), ...(source ? { source } : {}) });
      this.facts.cvss.set(adv, list);
    }
    for (const [adv, url] of db.prepare(`SELECT adv, url FROM refs ORDER BY adv, url`).raw().all() as [
      number,
      string,
    ][]) {
      const list = this.facts.refs.get(adv);
      if (list) list.push(url);
      else this.facts.refs.set(adv, [url]);
    }
    for (const cve of db.prepare(`SELECT cve FROM kev`).pluck().all() as string[]) this.facts.kev.add(cve);
  }

  /** The details a finding for this one advisory carries (what the matcher would assemble at run time). */
  details(r: AdvisoryRow): VulnDetails {
    const ids = idsOf(r);
    return assembleDetails([r, ...ids.flatMap((i) => this.byKey.get(i) ?? [])], ids, this.facts);
  }
}
