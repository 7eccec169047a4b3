// Which vulnerability database a scan uses, and how old it is. Order: an explicit --db path; the local
// DB that `db build|update|import` maintain (<cache>/db/palisade.db); else the snapshot embedded in the
// package (data/vulndb/), extracted once into the cache (or opened in memory when the cache is not
// writable) so that a first scan on a fresh, offline machine finds real vulnerabilities.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PalisadeError } from '../core/errors.js';
import type { Warning } from '../core/types.js';
import { repoRoot } from './shared-data.js';
import { VulnStore } from './store.js';

/** Same layout rule as the layer cache: PALISADE_CACHE_DIR, else $XDG_CACHE_HOME/palisade, else ~/.cache/palisade. */
export function paliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PALISADE_CACHE_DIR) return env.PALISADE_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'palisade');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PALISADE_DB ?? join(paliCacheDir(env), 'db', 'palisade.db');
}

export const SNAPSHOT_DIR = join(repoRoot, 'data', 'vulndb');
export const SNAPSHOT_DB = join(SNAPSHOT_DIR, 'snapshot.db.gz');

export interface DbOpenOptions {
  /** explicit database file (--db) */
  path?: string;
  env?: NodeJS.ProcessEnv;
  /** oldest acceptable build, in milliseconds (--db-max-age) */
  maxAgeMs?: number;
  /** fail instead of warning when older (--db-max-age-fail) */
  maxAgeFail?: boolean;
  now?: Date;
  /** where the embedded snapshot is (tests) */
  snapshot?: string;
}

export interface OpenedDb {
  store: VulnStore;
  /** 'path' (explicit), 'local' (the cache DB), 'embedded' (the shipped snapshot) */
  origin: 'path' | 'local' | 'embedded';
  builtAt?: string;
  warnings: Warning[];
}

export function openDatabase(opts: DbOpenOptions = {}): OpenedDb {
  const env = opts.env ?? process.env;
  let store: VulnStore;
  let origin: OpenedDb['origin'];
  if (opts.path) {
    if (!existsSync(opts.path))
      throw new PalisadeError('DB', `vulnerability database ${opts.path}: no such file`);
    store = VulnStore.open(opts.path);
    origin = 'path';
  } else if (existsSync(defaultDbPath(env))) {
    store = VulnStore.open(defaultDbPath(env));
    origin = 'local';
  } else {
    store = openSnapshot(opts.snapshot ?? SNAPSHOT_DB, env);
    origin = 'embedded';
  }
  const warnings: Warning[] = [];
  const builtAt = store.meta('built_at');
  if (opts.maxAgeMs !== undefined && builtAt) {
    const age = (opts.now ?? new Date()).getTime() - Date.parse(builtAt);
    if (age > opts.maxAgeMs) {
      const msg = `vulnerability database ${store.path} was built ${builtAt.slice(0, 10)} (${Math.floor(age / 86_400_000)} days ago), older than --db-max-age: results miss newer advisories (run \`palisade db update\`)`;
      if (opts.maxAgeFail) {
        store.close();
        throw new PalisadeError('DB', msg);
      }
      warnings.push({ code: 'DB_STALE', message: msg });
    }
  }
  return { store, origin, ...(builtAt ? { builtAt } : {}), warnings };
}

/** Extracts the embedded snapshot once per content hash; falls back to an in-memory copy. */
export function openSnapshot(gzPath: string, env: NodeJS.ProcessEnv = process.env): VulnStore {
  if (!existsSync(gzPath))
    throw new PalisadeError(
      'DB',
      `no vulnerability database: ${defaultDbPath(env)} does not exist and the embedded snapshot ${gzPath} is missing (run \`palisade db update\` or \`palisade db build\`)`,
    );
  const gz = readFileSync(gzPath);
  const tag = createHash('sha256').update(gz).digest('hex').slice(0, 16);
  const target = join(paliCacheDir(env), 'db', `snapshot-${tag}.db`);
  if (existsSync(target)) return VulnStore.open(target);
  const raw = gunzipSync(gz);
  try {
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, raw);
    renameSync(tmp, target);
    return VulnStore.open(target);
  } catch {
    return VulnStore.fromBuffer(raw, `${gzPath} (in memory)`);
  }
}

export { parseDuration } from '../core/duration.js';
