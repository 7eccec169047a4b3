// rpmdb.sqlite (rpm ≥ 4.16: RHEL 9, Fedora ≥ 33, Amazon Linux 2023, Mariner 2): table Packages(hnum,
// blob), each blob one header. The file is opened from memory with better-sqlite3's deserialize, so
// nothing is written to disk and no -wal/-shm file is touched.
import Database from 'better-sqlite3';
import type { Analyzer } from '../analyzer.js';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import { finalizeRpm, rpmBlobsToResult } from './rpm-package.js';

const PATHS = new Set(['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite']);

export function readRpmSqlite(buf: Buffer): Buffer[] {
  if (buf.length < 100 || buf.toString('latin1', 0, 15) !== 'SQLite format 3')
    throw new PalisadeError('INPUT', 'not an SQLite database');
  // WAL-mode files (read/write versions 2) cannot be deserialized; the WAL itself is a separate file
  // that rpm checkpoints on close, so reading the main file as a rollback-journal database is exact.
  const copy = Buffer.from(buf);
  if (copy[18] === 2) copy[18] = 1;
  if (copy[19] === 2) copy[19] = 1;
  let db: Database.Database | undefined;
  try {
    db = new Database(copy, { readonly: true });
    const rows = db.prepare('SELECT blob FROM Packages ORDER BY hnum').raw().all() as [Buffer][];
    return rows.map((r) => r[0]).filter((b): b is Buffer => Buffer.isBuffer(b));
  } catch (e) {
    throw new PalisadeError('INPUT', `rpmdb.sqlite: ${errorMessage(e)}`, { cause: e });
  } finally {
    db?.close();
  }
}

export const rpmSqlite = {
  id: 'rpm-sqlite',
  version: 1,
  maxSize: 512 * 1024 * 1024,
  finalizeSeesHidden: true,
  finalize: finalizeRpm,
  required: (path) => PATHS.has(path),
  async analyze({ path, read }) {
    return rpmBlobsToResult(readRpmSqlite(await read()), path, 'rpm-sqlite');
  },
} as const satisfies Analyzer;
