// The matcher's view of the database, computed once when the database is built (finish()):
//
// - match_index: for each (ecosystem, package name) and each (distro:release, source package), the
//   candidate advisories with everything needed to decide a match and to group findings, as one JSON
//   array, plus a "safe bound": a version at or above which (above, when `incl` is 0) none of them can
//   match. Read from the base tables, every candidate would cost a join, an alias lookup and a
//   JSON.parse, and OSV range events would need sorting in the ecosystem's order before evaluation;
//   here matching costs one indexed read per package name present, one comparison with the bound for
//   the (usual) package that is newer than every fix, and a JSON.parse only for the others.
// - adv_details: for each candidate advisory, the details its findings carry (CVSS, references, KEV,
//   summary, GHSA rating; see details.ts), so that building findings needs no further queries.
//
// A store that was never finished (tests, a build in progress) computes the same rows from the base
// tables on demand, with the same code.
import type Database from 'better-sqlite3';
import type { Severity } from '../core/types.js';
import { FactsSnapshot, type VulnDetails } from './details.js';
import type { AffectedPackage, DistroStatus, RangeEvent } from './model.js';
import { apk } from './versions/apk.js';
import { dpkg } from './versions/dpkg.js';
import { schemeFor, type VersionScheme } from './versions/index.js';

export const MATCH_INDEX_SCHEMA = `
CREATE TABLE match_index(
  scope TEXT NOT NULL, key TEXT NOT NULL, bound TEXT, incl INTEGER NOT NULL, open INTEGER NOT NULL,
  data TEXT NOT NULL);
CREATE UNIQUE INDEX match_index_key ON match_index(scope, key);
CREATE TABLE adv_details(adv INTEGER PRIMARY KEY, data TEXT NOT NULL);
`;

/** What the matcher knows of one advisory; `aliases` is space-separated (sorted), null when none. */
export interface AdvisoryRow {
  rowid: number;
  id: string;
  source: string;
  severity: Severity | null;
  severity_source: string | null;
  aliases: string | null;
}

/**
 * An affected entry as the matcher evaluates it: `ordered` when each range's events are already in the
 * ecosystem's order; `versions` only for entries without ranges (where they decide anything).
 */
export type MatchData = Omit<AffectedPackage, 'ecosystem' | 'name'> & { ordered?: true };

export interface LangCandidate {
  row: AdvisoryRow;
  data: MatchData;
}

export interface DistroCandidate {
  row: AdvisoryRow;
  status: DistroStatus;
  fixed: string | null;
  /** the distro's own rating (Debian urgency) */
  severity: Severity | null;
}

/** How far the bound decides: 0 it does; 1 some candidates match every version but have no fix
 * (Debian open CVEs: decided only with --ignore-unfixed); 2 the candidates must be evaluated. */
export type Openness = 0 | 1 | 2;

/** The candidates of one package name (language) or source package (OS). */
export class Candidates<C> {
  private parsed: C[] | undefined;
  private text: string | undefined;

  constructor(
    /** a version at or above (above, when !incl) which none of them matches; null: none matches a valid version */
    readonly bound: string | null,
    readonly incl: boolean,
    readonly open: Openness,
    /** the stored list (JSON), read only when a version has to be evaluated against it */
    private data: () => string,
    private decode: (e: unknown[]) => C,
    /** its match_index row, for reading many lists at once (MatchIndexReader.load) */
    readonly rowid?: number,
  ) {}

  /** Whether its list still has to be read from the database. */
  get unread(): boolean {
    return this.parsed === undefined && this.text === undefined;
  }

  /** Gives it its stored list, read with others in one query. */
  preload(text: string): void {
    this.text = text;
  }

  /** Whether a valid installed version can match at all (false: no need to look at the list). */
  mayMatch(installed: string, scheme: VersionScheme, ignoreUnfixed: boolean): boolean {
    if (this.open === 2 || (this.open === 1 && !ignoreUnfixed)) return true;
    if (this.bound === null) return false;
    const c = scheme.compare(installed, this.bound);
    return c < 0 || (c === 0 && !this.incl);
  }

  get list(): C[] {
    if (!this.parsed) {
      this.parsed = (JSON.parse(this.text ?? this.data()) as unknown[][]).map(this.decode);
      this.text = undefined;
    }
    return this.parsed;
  }
}

// stored form: arrays, not objects, to keep the index small
type Head = [number, string, string, Severity | null, string | null, string | null];
type LangEntry = [...Head, MatchData];
type DistroEntry = [...Head, DistroStatus, string | null, Severity | null];

const scopeOf = (distro: string, release: string): string => `${distro}:${release}`;

/** The scheme of a distro's versions (the matcher's choice for its releases). */
function distroScheme(distro: string): VersionScheme | undefined {
  return distro === 'alpine' ? apk : distro === 'debian' || distro === 'ubuntu' ? dpkg : undefined;
}

const eventVersion = (e: RangeEvent): string =>
  'introduced' in e
    ? e.introduced
    : 'fixed' in e
      ? e.fixed
      : 'last_affected' in e
        ? e.last_affected
        : e.limit;

/** Range events in the scheme's order ("0" first); throws when a bound cannot be ordered. */
export function orderEvents(events: RangeEvent[], s: VersionScheme): RangeEvent[] {
  const cmp = (a: string, b: string) => (a === '0' ? (b === '0' ? 0 : -1) : b === '0' ? 1 : s.compare(a, b));
  return [...events].sort((a, b) => cmp(eventVersion(a), eventVersion(b)));
}

/**
 * Whether an entry's requirement strings (RubySec, RustSec, Node.js security-wg) make `version`
 * affected: `vulnerable` (when given) holds and no `patched`/`unaffected` requirement does.
 */
export function requirementsAffect(
  req: NonNullable<AffectedPackage['requirements']>,
  version: string,
  s: VersionScheme,
): boolean {
  const sat = s.satisfies;
  if (!sat) throw new Error(`${s.name} has no requirement syntax`);
  const holds = (r: string) => sat(version, r);
  const vulnerable = req.vulnerable?.length ? req.vulnerable.some(holds) : true;
  return vulnerable && !(req.patched ?? []).some(holds) && !(req.unaffected ?? []).some(holds);
}

/**
 * A version from which on an entry's requirements decide alike for every version: N.0.0 with N above
 * every number written in them. Each comparator of these syntaxes (npm and Cargo ranges, RubyGems,
 * PEP 440 specifiers, NuGet intervals) compares with a literal, or with a bound it implies (^ ~ ~> ~=
 * x-ranges: at most the next major of a literal), all below or at N.0.0, so none changes its truth at
 * or above it. A PEP 440 epoch ("1!2.0") outranks any release: no such version then.
 */
function requirementsCeiling(req: NonNullable<AffectedPackage['requirements']>): string | undefined {
  let max = 0;
  for (const r of [...(req.vulnerable ?? []), ...(req.patched ?? []), ...(req.unaffected ?? [])]) {
    if (/\d\s*!/.test(r)) return undefined;
    for (const m of r.matchAll(/\d+/g)) max = Math.max(max, Number(m[0]));
  }
  return Number.isSafeInteger(max + 1) ? `${max + 1}.0.0` : undefined;
}

/** The stored affected data as the matcher needs it; ranges left as they are when they cannot be ordered. */
function matchData(scheme: VersionScheme | undefined, data: AffectedPackage): MatchData {
  const out: MatchData = {};
  if (data.ranges?.length) {
    try {
      if (!scheme) throw new Error('no scheme');
      out.ranges = data.ranges.map((r) => orderEvents(r, scheme));
      out.ordered = true;
    } catch {
      // the matcher sorts again and reports the advisory as "unknown" with the reason
      out.ranges = data.ranges;
    }
  } else if (data.versions?.length) out.versions = data.versions;
  if (data.requirements) out.requirements = data.requirements;
  return out;
}

/** The highest of the bounds added so far (the safe bound of a candidate list), or "evaluate". */
class BoundOf {
  open: Openness = 0;
  bound: string | null = null;
  incl = true;

  constructor(readonly scheme: VersionScheme | undefined) {}

  need(o: Openness): void {
    if (o > this.open) this.open = o;
  }

  add(v: string, incl: boolean): void {
    const s = this.scheme;
    if (!s || !s.valid(v)) return this.need(2);
    if (this.bound === null) [this.bound, this.incl] = [v, incl];
    else {
      const c = s.compare(v, this.bound);
      if (c > 0) [this.bound, this.incl] = [v, incl];
      else if (c === 0) this.incl &&= incl;
    }
  }

  /**
   * An OSV entry. A version above every event of an ordered range ends in the state the last event
   * sets: affected after "introduced" (or limit "*"), not affected after fixed/limit (from the bound
   * on) and last_affected (above it). Every bound must be valid: evaluation would fail on it.
   */
  lang(d: MatchData): void {
    const s = this.scheme;
    if ((d.ranges && !d.ordered) || !s) return this.need(2);
    for (const r of d.ranges ?? []) {
      for (const e of r) {
        const v = eventVersion(e);
        if (('introduced' in e && v === '0') || ('limit' in e && v === '*')) continue;
        if (v === '0' || !s.valid(v)) return this.need(2);
      }
      const last = r[r.length - 1];
      if (!last) continue;
      if ('introduced' in last || ('limit' in last && last.limit === '*')) return this.need(2);
      this.add(eventVersion(last), !('last_affected' in last));
    }
    // versions[] matches by equality: above the highest valid one, nothing matches
    let max: string | undefined;
    for (const v of d.versions ?? []) if (s.valid(v) && (max === undefined || s.compare(v, max) > 0)) max = v;
    if (max !== undefined) this.add(max, false);
    if (d.requirements) {
      const top = requirementsCeiling(d.requirements);
      if (top === undefined || !s.valid(top)) return this.need(2);
      try {
        if (requirementsAffect(d.requirements, top, s)) return this.need(2);
      } catch {
        return this.need(2);
      }
      this.add(top, true);
    }
  }

  distro(status: DistroStatus, fixed: string | null): void {
    if (status === 'fixed' && fixed) this.add(fixed, true);
    else if (status === 'affected' || status === 'will_not_fix') this.need(1);
  }
}

const HEAD = `a.rowid, a.id, a.source, a.severity, a.severity_source,
  (SELECT group_concat(alias, ' ') FROM (SELECT alias FROM aliases x WHERE x.adv = a.rowid ORDER BY alias)) AS aliases`;

// ordered as the base tables list them (row order per key): match order decides finding order
const LANG_SQL = (where: string) =>
  `SELECT f.ecosystem AS scope, f.name AS key, ${HEAD}, f.data
   FROM affected f JOIN advisories a ON a.rowid = f.adv
   WHERE (a.withdrawn IS NULL OR a.withdrawn = '') ${where}
   ORDER BY f.ecosystem, f.name, f.rowid`;

const DISTRO_SQL = (where: string) =>
  `SELECT d.distro AS scope, d.release AS rel, d.package AS key, ${HEAD}, d.status, d.fixed, d.severity
   FROM distro d JOIN advisories a ON a.rowid = d.adv
   WHERE (a.withdrawn IS NULL OR a.withdrawn = '') ${where}
   ORDER BY d.distro, d.release, d.package, d.rowid`;

interface IndexRow {
  scope: string;
  key: string;
  bound: string | null;
  incl: boolean;
  open: Openness;
  entries: (LangEntry | DistroEntry)[];
}

/** Groups rows ordered by (scope, key) into index rows, each with the safe bound of its entries. */
function groupRows(
  rows: unknown[][],
  head: (r: unknown[]) => { scope: string; key: string; scheme: VersionScheme | undefined },
  entry: (r: unknown[], acc: BoundOf) => LangEntry | DistroEntry,
): IndexRow[] {
  const out: IndexRow[] = [];
  let cur: IndexRow | undefined;
  let acc = new BoundOf(undefined);
  const close = () => {
    if (cur) [cur.bound, cur.incl, cur.open] = [acc.bound, acc.incl, acc.open];
  };
  for (const r of rows) {
    const { scope, key, scheme } = head(r);
    if (!cur || cur.scope !== scope || cur.key !== key) {
      close();
      out.push((cur = { scope, key, bound: null, incl: true, open: 0, entries: [] }));
      acc = new BoundOf(scheme);
    }
    cur.entries.push(entry(r, acc));
  }
  close();
  return out;
}

const langRows = (rows: unknown[][]): IndexRow[] =>
  groupRows(
    rows,
    ([scope, key]) => ({ scope: scope as string, key: key as string, scheme: schemeFor(scope as string) }),
    (r, acc) => {
      const data = matchData(acc.scheme, JSON.parse(r[8] as string) as AffectedPackage);
      acc.lang(data);
      return [...(r.slice(2, 8) as Head), data];
    },
  );

const distroRows = (rows: unknown[][]): IndexRow[] =>
  groupRows(
    rows,
    ([distro, release, key]) => ({
      scope: scopeOf(distro as string, release as string),
      key: key as string,
      scheme: distroScheme(distro as string),
    }),
    (r, acc) => {
      const e = r.slice(3, 12) as DistroEntry;
      acc.distro(e[6], e[7]);
      return e;
    },
  );

/** Writes match_index and adv_details from the base tables (the last step of a build). */
export function buildMatchIndex(db: Database.Database): { keys: number; advisories: number } {
  db.exec('DELETE FROM match_index; DELETE FROM adv_details;');
  const index = [
    ...langRows(db.prepare(LANG_SQL('')).raw().all() as unknown[][]),
    ...distroRows(db.prepare(DISTRO_SQL('')).raw().all() as unknown[][]),
  ];
  const ins = db.prepare(
    'INSERT INTO match_index(scope, key, bound, incl, open, data) VALUES(?, ?, ?, ?, ?, ?)',
  );
  const advs = new Map<number, AdvisoryRow>();
  for (const g of index) {
    ins.run(g.scope, g.key, g.bound, g.incl ? 1 : 0, g.open, JSON.stringify(g.entries));
    for (const e of g.entries) if (!advs.has(e[0])) advs.set(e[0], toRow(e));
  }
  const facts = new FactsSnapshot(db);
  const det = db.prepare('INSERT INTO adv_details(adv, data) VALUES(?, ?)');
  for (const r of advs.values()) det.run(r.rowid, JSON.stringify(facts.details(r)));
  return { keys: index.length, advisories: advs.size };
}

function toRow(e: LangEntry | DistroEntry): AdvisoryRow {
  return { rowid: e[0], id: e[1], source: e[2], severity: e[3], severity_source: e[4], aliases: e[5] };
}

const langCandidate = (e: unknown[]): LangCandidate => {
  const x = e as LangEntry;
  return { row: toRow(x), data: x[6] };
};
const distroCandidate = (e: unknown[]): DistroCandidate => {
  const x = e as DistroEntry;
  return { row: toRow(x), status: x[6], fixed: x[7], severity: x[8] };
};

/** Reads the index: from match_index when it is current, else computed from the base tables. */
export class MatchIndexReader {
  private stmts = new Map<string, Database.Statement>();

  constructor(
    private db: Database.Database,
    /** whether match_index is complete (finish() ran and nothing changed since) */
    private built: () => boolean,
  ) {}

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private read<C>(scope: string, keys: string[], decode: (e: unknown[]) => C): Map<string, Candidates<C>> {
    const out = new Map<string, Candidates<C>>();
    // bounds first, lists on demand: most installed versions are above every bound, and the lists are
    // most of the bytes (the kernel's alone is 600 kB). A rowid table, not WITHOUT ROWID: searching an
    // index b-tree loads the whole of every large record it compares with, overflow pages included.
    const list = this.stmt(`SELECT data FROM match_index WHERE rowid = ?`).pluck();
    for (const [rowid, key, bound, incl, open] of this.stmt(
      `SELECT rowid, key, bound, incl, open FROM match_index
       WHERE scope = ? AND key IN (SELECT value FROM json_each(?))`,
    )
      .raw()
      .all(scope, JSON.stringify(keys)) as [number, string, string | null, number, Openness][])
      out.set(key, new Candidates(bound, incl === 1, open, () => list.get(rowid) as string, decode, rowid));
    return out;
  }

  /**
   * Reads the lists of these candidates in one query, in rowid order: one statement run per list costs
   * about twice as much, most of it in the b-tree descents a single pass shares.
   */
  load(candidates: Iterable<Candidates<unknown>>): void {
    const byRow = new Map<number, Candidates<unknown>>();
    for (const c of candidates) if (c.rowid !== undefined && c.unread) byRow.set(c.rowid, c);
    if (!byRow.size) return;
    const rowids = [...byRow.keys()].sort((a, b) => a - b);
    for (const [rowid, data] of this.stmt(
      `SELECT rowid, data FROM match_index WHERE rowid IN (SELECT value FROM json_each(?))`,
    )
      .raw()
      .all(JSON.stringify(rowids)) as [number, string][])
      byRow.get(rowid)!.preload(data);
  }

  private computed<C>(rows: IndexRow[], decode: (e: unknown[]) => C): Map<string, Candidates<C>> {
    return new Map(
      rows.map((g) => [
        g.key,
        new Candidates(g.bound, g.incl, g.open, () => JSON.stringify(g.entries), decode),
      ]),
    );
  }

  /** Candidates for language packages of one ecosystem, keyed by normalised name. */
  lang(ecosystem: string, names: string[]): Map<string, Candidates<LangCandidate>> {
    if (!names.length) return new Map();
    if (this.built()) return this.read(ecosystem, names, langCandidate);
    const rows = this.stmt(LANG_SQL(`AND f.ecosystem = ? AND f.name IN (SELECT value FROM json_each(?))`))
      .raw()
      .all(ecosystem, JSON.stringify(names)) as unknown[][];
    return this.computed(langRows(rows), langCandidate);
  }

  /** Candidates for OS packages of one release, keyed by source package. */
  distro(distro: string, release: string, pkgs: string[]): Map<string, Candidates<DistroCandidate>> {
    if (!pkgs.length) return new Map();
    if (this.built()) return this.read(scopeOf(distro, release), pkgs, distroCandidate);
    const rows = this.stmt(
      DISTRO_SQL(`AND d.distro = ? AND d.release = ? AND d.package IN (SELECT value FROM json_each(?))`),
    )
      .raw()
      .all(distro, release, JSON.stringify(pkgs)) as unknown[][];
    return this.computed(distroRows(rows), distroCandidate);
  }

  /** The details of these advisories' findings (for a finding that stands for one advisory). */
  details(rows: AdvisoryRow[]): Map<number, VulnDetails> {
    const out = new Map<number, VulnDetails>();
    if (!rows.length) return out;
    if (!this.built()) {
      const facts = new FactsSnapshot(this.db);
      for (const r of rows) out.set(r.rowid, facts.details(r));
      return out;
    }
    for (const [adv, data] of this.stmt(
      `SELECT adv, data FROM adv_details WHERE adv IN (SELECT value FROM json_each(?))`,
    )
      .raw()
      .all(JSON.stringify(rows.map((r) => r.rowid).sort((a, b) => a - b))) as [number, string][])
      out.set(adv, JSON.parse(data) as VulnDetails);
    return out;
  }
}
