// Walks the entries of one layer (or one root filesystem) once, offering each to the analyzers whose
// `required()` accepts it, and reading a file's bytes only when one of them asks. The result is a pure
// function of the layer content and the analyzer set, so it is what the layer cache stores.
import {
  DEFAULT_MAX_FILE_SIZE,
  type AnalysisResult,
  type Analyzer,
  type FileInfo,
  type ScanMode,
} from './analyzer.js';
import { errorMessage, PalisadeError } from '../core/errors.js';
import type { Warning } from '../core/types.js';
import { FileIndex, type FileIndexData } from '../extract/file-index.js';

/** One item of a walk: a file-tree entry, or a deletion recorded by a whiteout. */
export type WalkItem =
  | { kind: 'entry'; info: FileInfo; sparse?: boolean; read(max: number): Promise<Buffer> }
  | { kind: 'whiteout'; path: string }
  | { kind: 'opaque'; dir: string };

export interface StoredResult {
  /** analyzer id */
  a: string;
  /** file path */
  p: string;
  r: AnalysisResult;
}

export const LAYER_ANALYSIS_FORMAT = 1;

export interface LayerAnalysis {
  format: number;
  files: FileIndexData;
  whiteouts: string[];
  opaqueDirs: string[];
  results: StoredResult[];
  warnings: Warning[];
  stats: {
    entries: number;
    filesRead: number;
    bytesRead: number;
    uncompressedBytes?: number;
    compressedBytes?: number;
  };
}

export interface WalkOptions {
  mode: ScanMode;
  analyzers: readonly Analyzer[];
  options: Readonly<Record<string, unknown>>;
  /** index of the layer, for the analyzer context only (results must not depend on it) */
  layerIndex?: number;
  /** a fresh walk of the same layer, for hardlinks whose target's bytes were not kept */
  rewalk?: () => AsyncIterable<WalkItem>;
  /** keep the bytes of files read (≤ 1 MiB each, 8 MiB in all) so later hardlinks to them are served */
  hardlinkBufferBytes?: number;
}

function activeFor(mode: ScanMode, analyzers: readonly Analyzer[]): Analyzer[] {
  return analyzers.filter((a) => !a.modes || a.modes.includes(mode));
}

function isEmpty(r: AnalysisResult | undefined): boolean {
  if (!r) return true;
  return (
    !r.packages?.length &&
    !r.findings?.length &&
    !r.os &&
    !r.warnings?.length &&
    (r.data === undefined || r.data === null)
  );
}

interface Deferred {
  linkPath: string;
  info: FileInfo;
  analyzers: Analyzer[];
}

export async function analyzeWalk(items: AsyncIterable<WalkItem>, opts: WalkOptions): Promise<LayerAnalysis> {
  const analyzers = activeFor(opts.mode, opts.analyzers);
  const index = new FileIndex();
  const whiteouts: string[] = [];
  const opaqueDirs: string[] = [];
  const results = new Map<string, StoredResult>();
  const warnings: Warning[] = [];
  const stats = { entries: 0, filesRead: 0, bytesRead: 0 };
  const ctx = { mode: opts.mode, layerIndex: opts.layerIndex ?? 0, options: opts.options };
  const kept = new Map<string, Buffer>();
  let keptBytes = 0;
  const keepLimit = opts.hardlinkBufferBytes ?? 8 * 1024 * 1024;
  const deferred: Deferred[] = [];
  let indexFull = false;

  const run = async (path: string, info: FileInfo, wanted: Analyzer[], read: () => Promise<Buffer>) => {
    for (const a of wanted) {
      const max = a.maxSize ?? DEFAULT_MAX_FILE_SIZE;
      if (info.size > max && (info.type === 'file' || info.type === 'hardlink')) {
        warnings.push({
          code: 'FILE_TOO_LARGE',
          message: `${a.id}: skipped ${path} (${info.size} bytes, limit ${max})`,
          location: { path },
        });
        continue;
      }
      try {
        const r = await a.analyze({ path, info, read, ctx });
        if (!isEmpty(r)) results.set(`${a.id}\0${path}`, { a: a.id, p: path, r: r! });
        else results.delete(`${a.id}\0${path}`);
      } catch (e) {
        warnings.push({
          code: 'ANALYZER_ERROR',
          message: `${a.id}: ${path}: ${errorMessage(e)}`,
          location: { path },
        });
      }
    }
  };

  const sharedRead = (
    item: { info: FileInfo; sparse?: boolean; read(max: number): Promise<Buffer> },
    wanted: Analyzer[],
  ) => {
    let p: Promise<Buffer> | undefined;
    const max = Math.max(...wanted.map((a) => a.maxSize ?? DEFAULT_MAX_FILE_SIZE));
    return () =>
      (p ??= (async () => {
        const { info } = item;
        if (info.type !== 'file')
          throw new PalisadeError('INPUT', `${info.path} is a ${info.type}, not a regular file`);
        if (item.sparse)
          throw new PalisadeError('UNSUPPORTED', `${info.path} is a sparse file; its content is not read`);
        const b = await item.read(max);
        stats.filesRead++;
        stats.bytesRead += b.length;
        if (b.length <= 1024 * 1024 && keptBytes + b.length <= keepLimit) {
          kept.set(info.path, b);
          keptBytes += b.length;
        }
        return b;
      })());
  };

  for await (const item of items) {
    if (item.kind === 'whiteout') {
      whiteouts.push(item.path);
      continue;
    }
    if (item.kind === 'opaque') {
      opaqueDirs.push(item.dir);
      continue;
    }
    stats.entries++;
    const { info } = item;
    if (!index.add(info) && !indexFull) {
      indexFull = true;
      warnings.push({
        code: 'INDEX_LIMIT',
        message: `more than ${index.size} entries; the file index is truncated`,
      });
    }
    if (analyzers.length === 0) continue;
    const wanted = analyzers.filter((a) => a.required(info.path, info));
    if (wanted.length === 0) continue;
    if (info.type === 'hardlink' && info.linkname !== undefined) {
      const target = info.linkname;
      const asFile: FileInfo = { ...info, type: 'file' };
      const buf = kept.get(target);
      if (buf) {
        asFile.size = buf.length;
        await run(info.path, asFile, wanted, async () => buf);
      } else {
        deferred.push({ linkPath: info.path, info: asFile, analyzers: wanted });
      }
      continue;
    }
    await run(info.path, info, wanted, sharedRead(item, wanted));
  }

  if (deferred.length) {
    const byTarget = new Map<string, Deferred[]>();
    for (const d of deferred) {
      const list = byTarget.get(d.info.linkname!) ?? [];
      list.push(d);
      byTarget.set(d.info.linkname!, list);
    }
    if (opts.rewalk) {
      for await (const item of opts.rewalk()) {
        if (item.kind !== 'entry' || item.info.type !== 'file') continue;
        const list = byTarget.get(item.info.path);
        if (!list) continue;
        byTarget.delete(item.info.path);
        const wantedAll = [...new Set(list.flatMap((d) => d.analyzers))];
        const read = sharedRead(item, wantedAll);
        for (const d of list) await run(d.linkPath, { ...d.info, size: item.info.size }, d.analyzers, read);
        if (byTarget.size === 0) break;
      }
    }
    for (const list of byTarget.values())
      for (const d of list)
        warnings.push({
          code: 'HARDLINK_UNRESOLVED',
          message: `hardlink ${d.linkPath} → ${d.info.linkname}: target not found in the layer`,
          location: { path: d.linkPath },
        });
  }

  return {
    format: LAYER_ANALYSIS_FORMAT,
    files: index.data,
    whiteouts,
    opaqueDirs,
    results: [...results.values()],
    warnings,
    stats,
  };
}
