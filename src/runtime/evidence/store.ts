// Durable evidence in SQLite (better-sqlite3, WAL): one row per stored alert with its evidence JSON,
// and one row per container ever seen, so `palisade events` answers after the container is gone.
// Writes are batched in transactions off the event path.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PalisadeError } from '../../core/errors.js';
import type { Alert } from '../alerts/alert.js';
import type { ContainerInfo } from '../event.js';
import type { Evidence } from './evidence.js';

export const DEFAULT_DB = '/var/lib/palisade/runtime.db';
const SCHEMA_VERSION = 1;

export interface StoredAlert {
  id: number;
  alert: Alert;
  evidence?: Evidence;
}

export interface EventQuery {
  container?: string;
  rule?: string;
  image?: string;
  /** ms since epoch */
  since?: number;
  until?: number;
  /** Falco priority names at or above which to return */
  priorities?: string[];
  limit?: number;
}

export class EvidenceStore {
  private readonly db: Database.Database;
  private readonly pending: { alert: Alert; evidence?: Evidence }[] = [];
  private timer?: NodeJS.Timeout;
  private readonly insertAlert: Database.Statement;
  private readonly upsertContainer: Database.Statement;
  stats = { stored: 0, errors: 0 };

  constructor(
    readonly path: string,
    opts: { readonly?: boolean } = {},
  ) {
    try {
      if (!opts.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path, {
        readonly: opts.readonly ?? false,
        fileMustExist: opts.readonly ?? false,
      });
    } catch (e) {
      throw new PalisadeError('INPUT', `evidence database ${path}: ${(e as Error).message}`);
    }
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS alerts (
          id INTEGER PRIMARY KEY,
          ts REAL NOT NULL,
          time TEXT NOT NULL,
          rule TEXT NOT NULL,
          priority TEXT NOT NULL,
          source TEXT NOT NULL,
          hostname TEXT,
          container_id TEXT,
          container_name TEXT,
          image TEXT,
          image_digest TEXT,
          pid INTEGER,
          proc_name TEXT,
          output TEXT NOT NULL,
          alert TEXT NOT NULL,
          evidence TEXT
        );
        CREATE INDEX IF NOT EXISTS alerts_ts ON alerts(ts);
        CREATE INDEX IF NOT EXISTS alerts_container ON alerts(container_id);
        CREATE INDEX IF NOT EXISTS alerts_rule ON alerts(rule);
        CREATE TABLE IF NOT EXISTS containers (
          id TEXT PRIMARY KEY,
          name TEXT,
          image TEXT,
          image_digest TEXT,
          first_seen REAL NOT NULL,
          last_seen REAL NOT NULL,
          info TEXT NOT NULL
        );
      `);
      this.db
        .prepare('INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)')
        .run('schema_version', String(SCHEMA_VERSION));
    }
    this.insertAlert = opts.readonly
      ? (undefined as unknown as Database.Statement)
      : this.db
          .prepare(`INSERT INTO alerts (ts, time, rule, priority, source, hostname, container_id, container_name,
          image, image_digest, pid, proc_name, output, alert, evidence)
          VALUES (@ts, @time, @rule, @priority, @source, @hostname, @container_id, @container_name, @image,
          @image_digest, @pid, @proc_name, @output, @alert, @evidence)`);
    this.upsertContainer = opts.readonly
      ? (undefined as unknown as Database.Statement)
      : this.db.prepare(`INSERT INTO containers (id, name, image, image_digest, first_seen, last_seen, info)
          VALUES (@id, @name, @image, @image_digest, @now, @now, @info)
          ON CONFLICT(id) DO UPDATE SET last_seen = @now, name = @name, image = @image,
          image_digest = COALESCE(@image_digest, image_digest), info = @info`);
  }

  /** Queue an alert (and its evidence) for the next batch. */
  add(alert: Alert, evidence?: Evidence): void {
    this.pending.push({ alert, ...(evidence ? { evidence } : {}) });
    if (this.pending.length >= 500) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), 200);
      this.timer.unref?.();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.length) return;
    const batch = this.pending.splice(0);
    try {
      this.db.transaction(() => {
        for (const { alert: a, evidence } of batch) {
          const c = a.container ?? undefined;
          const ts = Date.parse(a.time);
          this.insertAlert.run({
            ts,
            time: a.time,
            rule: a.rule,
            priority: a.priority,
            source: a.source,
            hostname: a.hostname ?? null,
            container_id: c?.id ?? null,
            container_name: c?.name ?? null,
            image: c?.image ?? null,
            image_digest: c?.imageDigest ?? null,
            pid: a.proc?.pid ?? null,
            proc_name: a.proc?.name ?? null,
            output: a.output,
            alert: JSON.stringify(a),
            evidence: evidence ? JSON.stringify(evidence) : null,
          });
          if (c) this.rememberContainer(c, ts);
        }
      })();
      this.stats.stored += batch.length;
    } catch {
      this.stats.errors += batch.length;
    }
  }

  rememberContainer(c: ContainerInfo, now = Date.now()): void {
    this.upsertContainer.run({
      id: c.id,
      name: c.name ?? null,
      image: c.image ?? null,
      image_digest: c.imageDigest ?? null,
      now,
      info: JSON.stringify(c),
    });
  }

  query(q: EventQuery = {}): StoredAlert[] {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (q.container) {
      where.push('(container_id LIKE @cid OR container_name = @cname)');
      args.cid = `${q.container}%`;
      args.cname = q.container.replace(/^\//, '');
    }
    if (q.rule) {
      where.push('rule = @rule');
      args.rule = q.rule;
    }
    if (q.image) {
      where.push('(image = @image OR image_digest = @image)');
      args.image = q.image;
    }
    if (q.since !== undefined) {
      where.push('ts >= @since');
      args.since = q.since;
    }
    if (q.until !== undefined) {
      where.push('ts <= @until');
      args.until = q.until;
    }
    if (q.priorities?.length) {
      where.push(`priority IN (${q.priorities.map((_, i) => `@p${i}`).join(', ')})`);
      q.priorities.forEach((p, i) => (args[`p${i}`] = p));
    }
    const sql = `SELECT id, alert, evidence FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ts DESC, id DESC LIMIT ${Math.max(1, Math.min(q.limit ?? 100, 100_000))}`;
    return (this.db.prepare(sql).all(args) as { id: number; alert: string; evidence: string | null }[]).map(
      (r) => ({
        id: r.id,
        alert: JSON.parse(r.alert) as Alert,
        ...(r.evidence ? { evidence: JSON.parse(r.evidence) as Evidence } : {}),
      }),
    );
  }

  get(id: number): StoredAlert | undefined {
    const r = this.db.prepare('SELECT id, alert, evidence FROM alerts WHERE id = ?').get(id) as
      { id: number; alert: string; evidence: string | null } | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      alert: JSON.parse(r.alert) as Alert,
      ...(r.evidence ? { evidence: JSON.parse(r.evidence) as Evidence } : {}),
    };
  }

  containers(): {
    id: string;
    name: string | null;
    image: string | null;
    first_seen: number;
    last_seen: number;
  }[] {
    return this.db
      .prepare('SELECT id, name, image, first_seen, last_seen FROM containers ORDER BY last_seen DESC')
      .all() as {
      id: string;
      name: string | null;
      image: string | null;
      first_seen: number;
      last_seen: number;
    }[];
  }

  close(): void {
    if (this.insertAlert) this.flush();
    this.db.close();
  }
}
