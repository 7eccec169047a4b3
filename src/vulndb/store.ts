// The vulnerability database: one SQLite file (better-sqlite3), versioned by DB_SCHEMA_VERSION. Advisories
// from every source live side by side; matching looks them up by (ecosystem, name) for language packages
// and by (distro, release, source package) for OS packages, then gathers CVSS, KEV and references for
// the advisory and everything it aliases.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PalisadeError, errorMessage } from '../core/errors.js';
import { scoreCvss } from './cvss.js';
import type { AdvisoryFacts } from './details.js';
import { buildMatchIndex, MATCH_INDEX_SCHEMA, MatchIndexReader, type AdvisoryRow } from './match-index.js';
import type { Advisory, AffectedPackage, DebBinary, KevEntry } from './model.js';

// 2: match_index and adv_details (what the matcher reads, built by finish(); see match-index.ts)
export const DB_SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(
  name TEXT PRIMARY KEY, format TEXT NOT NULL, origin TEXT, snapshot_date TEXT, imported_at TEXT NOT NULL,
  records INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, license TEXT, attribution TEXT);
CREATE TABLE advisories(
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, source TEXT NOT NULL, published TEXT, modified TEXT,
  withdrawn TEXT, summary TEXT, details TEXT, severity TEXT, severity_source TEXT, UNIQUE(id, source));
CREATE INDEX advisories_id ON advisories(id);
CREATE TABLE aliases(adv INTEGER NOT NULL, alias TEXT NOT NULL, UNIQUE(adv, alias));
CREATE INDEX aliases_alias ON aliases(alias);
CREATE TABLE refs(adv INTEGER NOT NULL, url TEXT NOT NULL, UNIQUE(adv, url));
CREATE TABLE cvss(adv INTEGER NOT NULL, version TEXT NOT NULL, vector TEXT, score REAL NOT NULL, source TEXT);
CREATE INDEX cvss_adv ON cvss(adv);
CREATE TABLE affected(adv INTEGER NOT NULL, ecosystem TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX affected_pkg ON affected(ecosystem, name);
CREATE TABLE distro(
  adv INTEGER NOT NULL, distro TEXT NOT NULL, release TEXT NOT NULL, package TEXT NOT NULL,
  status TEXT NOT NULL, fixed TEXT, severity TEXT);
CREATE INDEX distro_pkg ON distro(distro, release, package);
CREATE TABLE kev(cve TEXT PRIMARY KEY, date_added TEXT, ransomware INTEGER NOT NULL DEFAULT 0);
CREATE TABLE deb_binaries(
  release TEXT NOT NULL, binary TEXT NOT NULL, version TEXT NOT NULL, source TEXT NOT NULL,
  source_version TEXT NOT NULL, PRIMARY KEY(release, binary));
${MATCH_INDEX_SCHEMA}`;

export interface SourceInfo {
  name: string;
  format: string;
  origin?: string;
  snapshotDate?: string;
  license?: string;
  attribution?: string;
}

export interface SourceStatus extends SourceInfo {
  importedAt: string;
  records: number;
  skipped: number;
}

export type { AdvisoryRow } from './match-index.js';

export type { AdvisoryFacts, VulnDetails } from './details.js';

export interface DbStatus {
  path: string;
  schemaVersion: number;
  builtAt?: string;
  factsOnly: boolean;
  sources: SourceStatus[];
  counts: { advisories: number; affected: number; distro: number; kev: number };
}

export interface OpenOptions {
  readonly?: boolean;
}

export class VulnStore {
  readonly db: Database.Database;
  readonly path: string;
  private stmts = new Map<string, Database.Statement>();
  private indexBuilt: boolean | undefined;
  /** the matcher's candidate lists (see match-index.ts) */
  readonly candidates: MatchIndexReader;

  private constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    this.candidates = new MatchIndexReader(db, () => (this.indexBuilt ??= this.meta('match_index') === '1'));
  }

  /** Any change to advisories makes match_index stale until the next finish(). */
  private invalidateIndex(): void {
    if (this.indexBuilt === false) return;
    this.indexBuilt = false;
    this.setMeta('match_index', '0');
  }

  /** A new, empty database at `path` (':memory:' for tests). */
  static create(path: string): VulnStore {
    if (path !== ':memory:' && existsSync(path))
      throw new PalisadeError('DB', `vulnerability database ${path}: already exists (build into a new file)`);
    const db = new Database(path);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(SCHEMA);
    const s = new VulnStore(db, path);
    s.setMeta('schema_version', String(DB_SCHEMA_VERSION));
    s.setMeta('created_at', new Date().toISOString());
    return s;
  }

  /** Opens an existing database and checks its schema version. */
  static open(path: string, opts: OpenOptions = {}): VulnStore {
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: opts.readonly ?? true, fileMustExist: true });
    } catch (e) {
      throw new PalisadeError('DB', `vulnerability database ${path}: cannot open (${errorMessage(e)})`);
    }
    return VulnStore.checked(db, path);
  }

  /** Opens a database image held in memory (the embedded snapshot when no cache dir is writable). */
  static fromBuffer(buf: Buffer, label: string): VulnStore {
    let db: Database.Database;
    try {
      db = new Database(buf);
    } catch (e) {
      throw new PalisadeError('DB', `vulnerability database ${label}: cannot open (${errorMessage(e)})`);
    }
    return VulnStore.checked(db, label);
  }

  private static checked(db: Database.Database, path: string): VulnStore {
    let version: string | undefined;
    try {
      version = (
        db.prepare(`SELECT value FROM meta WHERE key='schema_version'`).get() as { value: string } | undefined
      )?.value;
    } catch (e) {
      db.close();
      throw new PalisadeError(
        'DB',
        `vulnerability database ${path}: not a Palisade database (${errorMessage(e)})`,
      );
    }
    if (Number(version) !== DB_SCHEMA_VERSION) {
      db.close();
      throw new PalisadeError(
        'DB',
        `vulnerability database ${path}: schema version ${version ?? 'missing'}, this palisade needs ${DB_SCHEMA_VERSION} (run \`palisade db update\`)`,
      );
    }
    return new VulnStore(db, path);
  }

  close(): void {
    this.db.close();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  meta(key: string): string | undefined {
    return (this.stmt(`SELECT value FROM meta WHERE key=?`).get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmt(
      `INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value`,
    ).run(key, value);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- building ----

  /** Drops what an earlier import of the same source stored (re-import replaces, never duplicates). */
  clearSource(name: string): void {
    this.invalidateIndex();
    const advs = `SELECT rowid FROM advisories WHERE source = ?`;
    for (const t of ['aliases', 'refs', 'cvss', 'affected', 'distro'])
      this.stmt(`DELETE FROM ${t} WHERE adv IN (${advs})`).run(name);
    this.stmt(`DELETE FROM advisories WHERE source = ?`).run(name);
    this.stmt(`DELETE FROM sources WHERE name = ?`).run(name);
  }

  recordSource(info: SourceInfo, records: number, skipped: number): void {
    this.stmt(
      `INSERT INTO sources(name, format, origin, snapshot_date, imported_at, records, skipped, license, attribution)
       VALUES(@name, @format, @origin, @snapshotDate, @importedAt, @records, @skipped, @license, @attribution)
       ON CONFLICT(name) DO UPDATE SET format=excluded.format, origin=excluded.origin,
         snapshot_date=excluded.snapshot_date, imported_at=excluded.imported_at, records=excluded.records,
         skipped=excluded.skipped, license=excluded.license, attribution=excluded.attribution`,
    ).run({
      origin: null,
      snapshotDate: null,
      license: null,
      attribution: null,
      ...info,
      importedAt: new Date().toISOString(),
      records,
      skipped,
    });
  }

  /**
   * Stores one advisory. The same (id, source) seen again (Debian lists a CVE once per source package)
   * is merged: affected entries and statuses add up, scalar fields keep the first non-empty value.
   */
  insertAdvisory(a: Advisory, opts: { factsOnly?: boolean } = {}): void {
    this.invalidateIndex();
    const row = this.stmt(
      `INSERT INTO advisories(id, source, published, modified, withdrawn, summary, details, severity, severity_source)
       VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id, source) DO UPDATE SET
         published=coalesce(published, excluded.published), modified=coalesce(modified, excluded.modified),
         withdrawn=coalesce(withdrawn, excluded.withdrawn), summary=coalesce(summary, excluded.summary),
         details=coalesce(details, excluded.details), severity=coalesce(severity, excluded.severity),
         severity_source=coalesce(severity_source, excluded.severity_source)
       RETURNING rowid`,
    ).get(
      a.id,
      a.source,
      a.published ?? null,
      a.modified ?? null,
      a.withdrawn ?? null,
      opts.factsOnly ? null : (a.summary ?? null),
      opts.factsOnly ? null : (a.details ?? null),
      a.severity?.level ?? null,
      a.severity?.source ?? null,
    ) as { rowid: number };
    const adv = row.rowid;
    const alias = this.stmt(`INSERT OR IGNORE INTO aliases(adv, alias) VALUES(?, ?)`);
    for (const x of a.aliases) if (x !== a.id) alias.run(adv, x);
    const ref = this.stmt(`INSERT OR IGNORE INTO refs(adv, url) VALUES(?, ?)`);
    for (const u of a.references ?? []) ref.run(adv, u);
    const cv = this.stmt(`INSERT INTO cvss(adv, version, vector, score, source) VALUES(?, ?, ?, ?, ?)`);
    for (const c of a.cvss ?? []) {
      const s = scoreCvss(c.vector);
      if (s) cv.run(adv, s.version, s.vector, s.score, c.source ?? null);
    }
    for (const c of a.cvssScores ?? []) cv.run(adv, c.version, null, c.score, a.source);
    const af = this.stmt(`INSERT INTO affected(adv, ecosystem, name, data) VALUES(?, ?, ?, ?)`);
    for (const p of a.affected) af.run(adv, p.ecosystem, p.name, JSON.stringify(affectedData(p)));
    const d = this.stmt(
      `INSERT INTO distro(adv, distro, release, package, status, fixed, severity) VALUES(?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const e of a.distro ?? [])
      d.run(adv, e.distro, e.release, e.package, e.status, e.fixedVersion ?? null, e.severity ?? null);
  }

  insertKev(k: KevEntry): void {
    this.stmt(
      `INSERT INTO kev(cve, date_added, ransomware) VALUES(?, ?, ?)
       ON CONFLICT(cve) DO UPDATE SET date_added=excluded.date_added, ransomware=excluded.ransomware`,
    ).run(k.cve, k.dateAdded, k.ransomware ? 1 : 0);
  }

  clearKev(): void {
    this.stmt(`DELETE FROM kev`).run();
  }

  insertDebBinary(b: DebBinary): void {
    this.stmt(
      `INSERT INTO deb_binaries(release, binary, version, source, source_version) VALUES(?, ?, ?, ?, ?)
       ON CONFLICT(release, binary) DO UPDATE SET version=excluded.version, source=excluded.source,
         source_version=excluded.source_version`,
    ).run(b.release, b.binary, b.version, b.source, b.sourceVersion);
  }

  clearDebBinaries(): void {
    this.stmt(`DELETE FROM deb_binaries`).run();
  }

  /** Final step of a build: the match index, statistics for the planner, compact file. */
  finish(meta: { builtAt?: string; factsOnly?: boolean } = {}): void {
    this.setMeta('built_at', meta.builtAt ?? new Date().toISOString());
    this.setMeta('facts_only', meta.factsOnly ? '1' : '0');
    this.transaction(() => buildMatchIndex(this.db));
    this.setMeta('match_index', '1');
    this.indexBuilt = true;
    this.db.exec('ANALYZE');
    if (this.path !== ':memory:') this.db.exec('VACUUM');
  }

  // ---- lookups ----

  /** Whether the DB has any status for this release (to warn when an image's release has no data). */
  hasDistroRelease(distro: string, release: string): boolean {
    return !!this.stmt(`SELECT 1 FROM distro WHERE distro = ? AND release = ? LIMIT 1`).get(distro, release);
  }

  /** Source package names of Debian binaries (for status entries without Source:), in one query. */
  debSources(release: string, binaries: string[]): Map<string, string> {
    if (!binaries.length) return new Map();
    return new Map(
      this.stmt(
        `SELECT binary, source FROM deb_binaries
         WHERE release = ? AND binary IN (SELECT value FROM json_each(?))`,
      )
        .raw()
        .all(release, JSON.stringify(binaries)) as [string, string][],
    );
  }

  /**
   * Advisories (from any source) whose id or alias is one of `ids`, each with the id it was found by.
   * One query for a whole package's worth of ids: per-id lookups dominate matching time otherwise.
   */
  related(ids: string[]): (AdvisoryRow & { key: string; withdrawn: string | null })[] {
    if (!ids.length) return [];
    return this.stmt(
      `SELECT a.rowid, a.id, a.source, a.withdrawn, a.severity, a.severity_source, NULL AS aliases, a.id AS key
       FROM advisories a WHERE a.id IN (SELECT value FROM json_each(@ids))
       UNION ALL
       SELECT a.rowid, a.id, a.source, a.withdrawn, a.severity, a.severity_source, NULL AS aliases, x.alias AS key
       FROM aliases x JOIN advisories a ON a.rowid = x.adv WHERE x.alias IN (SELECT value FROM json_each(@ids))`,
    ).all({ ids: JSON.stringify(ids) }) as (AdvisoryRow & { key: string; withdrawn: string | null })[];
  }

  /** CVSS scores, references and summaries of many advisories at once, and which CVEs are in KEV. */
  facts(advs: number[], cves: string[]): AdvisoryFacts {
    const out: AdvisoryFacts = { cvss: new Map(), refs: new Map(), summary: new Map(), kev: new Set() };
    if (advs.length) {
      const a = JSON.stringify(advs);
      for (const c of this.stmt(
        `SELECT adv, version, vector, score, source FROM cvss WHERE adv IN (SELECT value FROM json_each(?))`,
      ).all(a) as {
        adv: number;
        version: string;
        vector: string | null;
        score: number;
        source: string | null;
      }[]) {
        const list = out.cvss.get(c.adv) ?? [];
        list.push({
          version: c.version,
          score: c.score,
          ...(c.vector ? { vector: c.vector } : {}),
          ...(c.source ? { source: c.source } : {}),
        });
        out.cvss.set(c.adv, list);
      }
      for (const r of this.stmt(
        `SELECT adv, url FROM refs WHERE adv IN (SELECT value FROM json_each(?))`,
      ).all(a) as {
        adv: number;
        url: string;
      }[]) {
        const list = out.refs.get(r.adv) ?? [];
        list.push(r.url);
        out.refs.set(r.adv, list);
      }
      for (const r of this.stmt(
        `SELECT rowid, summary FROM advisories WHERE summary IS NOT NULL AND rowid IN (SELECT value FROM json_each(?))`,
      ).all(a) as { rowid: number; summary: string }[])
        out.summary.set(r.rowid, r.summary);
    }
    if (cves.length)
      for (const r of this.stmt(`SELECT cve FROM kev WHERE cve IN (SELECT value FROM json_each(?))`).all(
        JSON.stringify(cves),
      ) as { cve: string }[])
        out.kev.add(r.cve);
    return out;
  }

  /** status() without the row counts (which scan whole tables): what every scan's report records. */
  info(): Omit<DbStatus, 'counts'> {
    const sources = (
      this.stmt(`SELECT * FROM sources ORDER BY name`).all() as {
        name: string;
        format: string;
        origin: string | null;
        snapshot_date: string | null;
        imported_at: string;
        records: number;
        skipped: number;
        license: string | null;
        attribution: string | null;
      }[]
    ).map((r) => ({
      name: r.name,
      format: r.format,
      importedAt: r.imported_at,
      records: r.records,
      skipped: r.skipped,
      ...(r.origin ? { origin: r.origin } : {}),
      ...(r.snapshot_date ? { snapshotDate: r.snapshot_date } : {}),
      ...(r.license ? { license: r.license } : {}),
      ...(r.attribution ? { attribution: r.attribution } : {}),
    }));
    const builtAt = this.meta('built_at');
    return {
      path: this.path,
      schemaVersion: Number(this.meta('schema_version')),
      ...(builtAt ? { builtAt } : {}),
      factsOnly: this.meta('facts_only') === '1',
      sources,
    };
  }

  status(): DbStatus {
    const count = (t: string) => (this.stmt(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      ...this.info(),
      counts: {
        advisories: count('advisories'),
        affected: count('affected'),
        distro: count('distro'),
        kev: count('kev'),
      },
    };
  }
}

function affectedData(p: AffectedPackage): Omit<AffectedPackage, 'ecosystem' | 'name'> {
  const out: Omit<AffectedPackage, 'ecosystem' | 'name'> = {};
  if (p.ranges?.length) out.ranges = p.ranges;
  if (p.versions?.length) out.versions = p.versions;
  if (p.requirements) out.requirements = p.requirements;
  return out;
}
