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
  // the digest that snapshot.json records (written with the .gz by the same script) names the cached
  // copy, so that a scan neither reads nor hashes the 5 MB file once it is extracted
  const tag = recordedDigest(gzPath) ?? sha256(readFileSync(gzPath));
  const target = join(paliCacheDir(env), 'db', `snapshot-${tag.slice(0, 16)}.db`);
  if (existsSync(target)) return VulnStore.open(target);
  const gz = readFileSync(gzPath);
  if (sha256(gz) !== tag)
    throw new PalisadeError('DB', `embedded snapshot ${gzPath}: its digest differs from snapshot.json's`);
  const raw = gunzipSync(gz);
  try {
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, raw);
    renameSync(tmp, target);
  } catch {
    // a read-only cache: the snapshot still works, from memory (an error opening it is not this case)
    return VulnStore.fromBuffer(raw, `${gzPath} (in memory)`);
  }
  return VulnStore.open(target);
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function recordedDigest(gzPath: string): string | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dirname(gzPath), 'snapshot.json'), 'utf8')) as {
      sha256?: unknown;
    };
    return typeof m.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.sha256) ? m.sha256 : undefined;
  } catch {
    return undefined;
  }
}
