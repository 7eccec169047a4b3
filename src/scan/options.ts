import type { Analyzer, Scanner } from '../catalog/analyzer.js';
import type { ImageSrc } from '../sources/index.js';
import type { RegistryAccessOptions } from '../sources/registry/options.js';
import type { LicenseScanOptions } from '../evaluate/license/deny.js';

export type ProgressEvent =
  | { phase: 'resolve'; name: string }
  | { phase: 'layer-start'; index: number; total: number; cached: boolean; size?: number }
  | { phase: 'layer-progress'; index: number; bytes: number; size?: number }
  | { phase: 'layer-done'; index: number; total: number; cached: boolean }
  | { phase: 'walk'; entries: number }
  | { phase: 'stage'; name: string };

export interface ScanOptions {
  /** scanners to run besides package cataloging; default ['vuln', 'secret'] */
  scanners?: readonly Scanner[];
  /** layer cache root; default defaultCacheDir() */
  cacheDir?: string;
  noCache?: boolean;
  /** os/arch[/variant], default linux/amd64 */
  platform?: string;
  /** options handed to analyzers and stages (e.g. secret rule files); part of the cache key via configKey */
  analyzerOptions?: Record<string, unknown>;
  /** layers analysed at once (default 2) */
  layerConcurrency?: number;
  /** stop a layer after this many uncompressed bytes (decompression bombs); default 64 GiB */
  maxLayerBytes?: number;
  /** extra directories to leave out of rootfs/fs walks (relative to the root) */
  skipDirs?: readonly string[];
  /** override the analyzer set (tests, library users) */
  analyzers?: readonly Analyzer[];
  onProgress?: (e: ProgressEvent) => void;
  /** vulnerability database: which file, how old it may be, what to hide (see src/vulndb/location.ts) */
  db?: {
    path?: string;
    maxAgeMs?: number;
    maxAgeFail?: boolean;
    ignoreUnfixed?: boolean;
    /** the scan never touches the network for the DB anyway; kept so library users can say so */
    offline?: boolean;
  };
  /** environment for stages that read it (DB location, credentials); default process.env */
  env?: NodeJS.ProcessEnv;
  /** registry access: CA certs, insecure hosts, mirrors, explicit credentials */
  registry?: RegistryAccessOptions;
  /** where a bare image name is looked for, in order (default docker, registry) */
  imageSrc?: readonly ImageSrc[];
  /** image/rootfs scans: read lockfiles and manifests too (analyzers with modes ['fs']) */
  includeLockfiles?: boolean;
  /** `--scanners license`: the deny list and the severity of its findings */
  license?: LicenseScanOptions;
}

export const DEFAULT_SCANNERS: readonly Scanner[] = ['vuln', 'secret'];
