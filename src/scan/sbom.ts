// `palisade sbom-scan`: an SBOM (CycloneDX or SPDX JSON) instead of an image. Its packages go through
// the same stages as a scanned inventory — OS ownership, vulnerability matching, licenses — so the
// report reads like an image scan's (no file tree: analyzers that need file contents have nothing to
// see).
import type { Squashed } from '../catalog/squash.js';
import type { Report } from '../core/types.js';
import { readSbom } from '../sources/sbom.js';
import type { ScanOptions } from './options.js';
import { buildReport } from './report.js';
import { runStages } from './run-stages.js';

/** What the stages see of an SBOM: its packages, and no files. */
function inventoryOnly(packages: Squashed['packages']): Squashed {
  return {
    packages,
    findings: [],
    warnings: [],
    results: new Map(),
    tree: () => new Map(),
    hiddenBy: () => undefined,
  };
}

export async function scanSbom(path: string, opts: ScanOptions = {}): Promise<Report> {
  const t0 = performance.now();
  opts.onProgress?.({ phase: 'resolve', name: path });
  const inv = await readSbom(path);
  const read = Math.round(performance.now() - t0);
  const squashed = inventoryOnly(inv.packages);
  const ctx = await runStages({
    mode: 'fs',
    artifact: inv.artifact,
    packages: inv.packages,
    findings: [],
    warnings: inv.warnings,
    squashed,
    options: opts,
    extra: {},
  });
  const timings = { read, stages: Math.round(performance.now() - t0 - read) };
  return buildReport({ ...ctx, db: ctx.extra.db, timings });
}
