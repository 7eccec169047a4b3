// Which analyzers a scan runs, from its options. Apart from options.ts so that the verbs that only read
// options (convert, config, sbom-scan) do not load every cataloger.
import type { Analyzer, ScanMode } from '../catalog/analyzer.js';
import { analyzers as allAnalyzers } from '../catalog/registry.js';
import { DEFAULT_SCANNERS, type ScanOptions } from './options.js';

/**
 * The analyzers a scan runs. With `includeLockfiles`, fs-only analyzers (lockfiles, manifests) run in
 * image and rootfs scans too: they are handed on without their mode restriction, so the walk offers
 * them files and the layer-cache key (built from the analyzers it is given) names them.
 */
export function activeAnalyzers(opts: ScanOptions, mode: ScanMode): Analyzer[] {
  const scanners = new Set(opts.scanners ?? DEFAULT_SCANNERS);
  const out: Analyzer[] = [];
  for (const a of opts.analyzers ?? allAnalyzers) {
    if (a.scanner && !scanners.has(a.scanner)) continue;
    if (!a.modes || a.modes.includes(mode)) out.push(a);
    else if (opts.includeLockfiles && a.modes.includes('fs')) out.push({ ...a, modes: undefined });
  }
  return out;
}
