// The analyzer contract. An analyzer looks at single files of one layer (or of a root filesystem) and
// returns what it found. What it returns must depend only on the file's bytes and metadata, the
// analyzer's id+version and its `configKey` — that is what makes per-layer caching correct.
import type { Finding, OSInfo, Package, Warning } from '../core/types.js';

export type ScanMode = 'image' | 'rootfs' | 'fs';

export type FileType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'other';

export interface FileInfo {
  /** normalised path inside the image: relative, '/'-separated, no leading '/' or './', no '..' */
  path: string;
  type: FileType;
  /** bytes of content (0 for non-regular files) */
  size: number;
  /** permission bits including setuid/setgid/sticky (mode & 0o7777) */
  mode: number;
  uid: number;
  gid: number;
  /** symlink target as written, or hardlink target as a normalised path */
  linkname?: string;
  /** seconds since epoch */
  mtime?: number;
}

export interface AnalyzerContext {
  mode: ScanMode;
  /** index of the layer being walked (0 for rootfs/fs scans); for messages only — results must not
   * depend on it (see finalize) */
  layerIndex: number;
  /** analyzer options (from the scan options), already validated; same object for every file */
  options: Readonly<Record<string, unknown>>;
}

export interface AnalyzeInput {
  path: string;
  info: FileInfo;
  /** the whole file; one shared buffer for every analyzer that asked for this file */
  read(): Promise<Buffer>;
  ctx: AnalyzerContext;
}

export interface AnalysisResult {
  packages?: Package[];
  findings?: Finding[];
  os?: OSInfo;
  warnings?: Warning[];
  /** JSON-serialisable facts for `finalize` (e.g. dpkg file lists); cached with the layer */
  data?: unknown;
}

/** One analyzer's result for one file, after squashing layers. */
export interface FileResult {
  path: string;
  layerIndex: number;
  /** set when a later layer deleted or overwrote this file */
  hiddenInLayer?: number;
  result: AnalysisResult;
}

export interface FinalizeContext {
  mode: ScanMode;
  options: Readonly<Record<string, unknown>>;
  /** the detected OS, once the OS analyzer (first in the registry) has been finalized */
  os?: OSInfo;
}

/** What `--scanners` turns on. Analyzers without one (OS, packages) always run. */
export type Scanner = 'vuln' | 'secret' | 'malware' | 'misconfig' | 'license';
export const SCANNERS: readonly Scanner[] = ['vuln', 'secret', 'malware', 'misconfig', 'license'];

export interface Analyzer {
  id: string;
  /** the scanner that enables it; absent for OS and package analyzers, which always run */
  scanner?: Scanner;
  /** bump when output for the same input changes; part of the layer cache key */
  version: number;
  /** scan modes it runs in; all when absent. Lockfile analyzers use ['fs']. */
  modes?: readonly ScanMode[];
  /** largest file it reads; bigger ones are skipped with a warning. Default 64 MiB. */
  maxSize?: number;
  /** the options that change its output, folded into the cache key */
  configKey?(options: Readonly<Record<string, unknown>>): string;
  /** cheap test on path and metadata only; called for every file */
  required(path: string, info: FileInfo): boolean;
  analyze(input: AnalyzeInput): Promise<AnalysisResult | undefined>;
  /** keep results of files that a later layer deleted or overwrote (secrets, malware do) */
  keepHidden?: boolean;
  /** give `finalize` the hidden results too (e.g. dpkg: earlier copies of the status file tell which
   * layer first installed a package); finalize must then drop hidden ones itself */
  finalizeSeesHidden?: boolean;
  /**
   * Combine the per-file results into the final answer after layers are squashed (e.g. dpkg status plus
   * info/*.list). Receives this analyzer's results in layer order (visible ones, plus hidden ones when
   * `keepHidden` or `finalizeSeesHidden`). Without it, results are concatenated: packages and OS from
   * visible files, findings from visible files and, with `keepHidden`, hidden ones marked
   * `hiddenInLayer`. The pipeline sets every location's layerIndex; analyzers never do (their output is
   * cached per layer content, and the same layer can sit at different indexes in different images).
   */
  finalize?(results: FileResult[], ctx: FinalizeContext): AnalysisResult;
}

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
