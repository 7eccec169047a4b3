// The published database bundle: the SQLite file gzip-compressed (palisade.db.gz) and a metadata
// document (metadata.json) with its schema version, build date, sources, sizes and sha256 digests.
// Installing verifies digest and size of what was downloaded, then the digest of the decompressed file,
// then opens it and runs SQLite's quick_check, and only then renames it over the local DB (atomic on
// one file system: a scan never sees a half-written database).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import { gunzipCapped } from '../files.js';
import { DB_SCHEMA_VERSION, VulnStore, type SourceStatus } from '../store.js';

export const BUNDLE_DB = 'palisade.db.gz';
export const BUNDLE_META = 'metadata.json';
/** the largest database we accept (decompressed) */
export const MAX_DB_BYTES = 4 * 1024 ** 3;

export interface BundleMetadata {
  schemaVersion: number;
  builtAt: string;
  /** file name of the compressed database, relative to the metadata */
  file: string;
  size: number;
  sha256: string;
  /** sha256 of the decompressed SQLite file */
  dbSha256: string;
  dbSize: number;
  sources: Pick<SourceStatus, 'name' | 'snapshotDate' | 'records'>[];
}

export const sha256 = (b: Buffer | Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Writes palisade.db.gz and metadata.json for the database at `dbPath` into `outDir`. */
export function writeBundle(dbPath: string, outDir: string): BundleMetadata {
  const raw = readFileSync(dbPath);
  const store = VulnStore.open(dbPath);
  const st = store.status();
  store.close();
  const gz = gzipSync(raw, { level: 9 });
  const meta: BundleMetadata = {
    schemaVersion: st.schemaVersion,
    builtAt: st.builtAt ?? new Date().toISOString(),
    file: BUNDLE_DB,
    size: gz.length,
    sha256: sha256(gz),
    dbSha256: sha256(raw),
    dbSize: raw.length,
    sources: st.sources.map((s) => ({
      name: s.name,
      records: s.records,
      ...(s.snapshotDate ? { snapshotDate: s.snapshotDate } : {}),
    })),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, BUNDLE_DB), gz);
  writeFileSync(join(outDir, BUNDLE_META), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

export function parseMetadata(text: string, where: string): BundleMetadata {
  let m: Partial<BundleMetadata>;
  try {
    m = JSON.parse(text) as Partial<BundleMetadata>;
  } catch (e) {
    throw new PalisadeError('INPUT', `${where}: bundle metadata is not JSON (${errorMessage(e)})`);
  }
  for (const k of ['schemaVersion', 'builtAt', 'file', 'size', 'sha256', 'dbSha256'] as const)
    if (m[k] === undefined) throw new PalisadeError('INPUT', `${where}: bundle metadata lacks "${k}"`);
  if (!/^[0-9a-f]{64}$/.test(m.sha256!) || !/^[0-9a-f]{64}$/.test(m.dbSha256!))
    throw new PalisadeError('INPUT', `${where}: bundle metadata has malformed sha256 digests`);
  if (/[/\\]|^\.\.?$/.test(m.file!))
    throw new PalisadeError('INPUT', `${where}: bundle file name ${m.file} is not a plain name`);
  if (m.schemaVersion !== DB_SCHEMA_VERSION)
    throw new PalisadeError(
      'DB',
      `${where}: bundle has database schema ${m.schemaVersion}, this palisade reads ${DB_SCHEMA_VERSION} (upgrade palisade or use a matching bundle)`,
    );
  return m as BundleMetadata;
}

/** Verifies a downloaded bundle and atomically replaces `target` with it. */
export function installBundle(meta: BundleMetadata, gz: Buffer, target: string, where: string): void {
  if (gz.length !== meta.size || sha256(gz) !== meta.sha256)
    throw new PalisadeError(
      'DIGEST_MISMATCH',
      `${where}: database download does not match its sha256/size in the metadata`,
    );
  const raw = gunzipCapped(gz, Math.min(MAX_DB_BYTES, (meta.dbSize ?? MAX_DB_BYTES) + 1), where);
  if (sha256(raw) !== meta.dbSha256)
    throw new PalisadeError('DIGEST_MISMATCH', `${where}: decompressed database does not match its sha256`);
  installDbFile(raw, target, where);
}

/** Checks a raw SQLite image and renames it over `target`. */
export function installDbFile(raw: Buffer, target: string, where: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, raw);
  try {
    const s = VulnStore.open(tmp);
    const check = s.db.pragma('quick_check', { simple: true });
    s.close();
    if (check !== 'ok')
      throw new PalisadeError('DB', `${where}: database fails SQLite's integrity check (${String(check)})`);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** `db import`: a bundle directory or metadata.json, a .db.gz, or a plain SQLite file. */
export function importBundleFile(path: string, target: string): { builtAt?: string } {
  if (!existsSync(path)) throw new PalisadeError('INPUT', `${path}: no such file`);
  let metaPath: string | undefined;
  if (path.endsWith('.json')) metaPath = path;
  else if (existsSync(join(path, BUNDLE_META))) metaPath = join(path, BUNDLE_META);
  if (metaPath) {
    const meta = parseMetadata(readFileSync(metaPath, 'utf8'), metaPath);
    installBundle(meta, readFileSync(join(dirname(metaPath), meta.file)), target, metaPath);
    return { builtAt: meta.builtAt };
  }
  const buf = readFileSync(path);
  const raw = buf[0] === 0x1f && buf[1] === 0x8b ? gunzipCapped(buf, MAX_DB_BYTES, path) : buf;
  if (!raw.subarray(0, 16).toString('latin1').startsWith('SQLite format 3'))
    throw new PalisadeError('INPUT', `${path}: not a Palisade database bundle, .db.gz or SQLite file`);
  installDbFile(raw, target, path);
  const s = VulnStore.open(target);
  const builtAt = s.meta('built_at');
  s.close();
  return builtAt ? { builtAt } : {};
}
