// Scans of a directory: `rootfs` (an unpacked image or a machine's root: installed evidence only) and
// `fs` (a repository: lockfiles and manifests too). One walk, no cache: there is no content digest.
import { resolve } from 'node:path';
import type { ScanMode } from '../catalog/analyzer.js';
import { analyzeWalk } from '../catalog/layer.js';
import { squash } from '../catalog/squash.js';
import type { Artifact, Report, Warning } from '../core/types.js';
import { DEFAULT_ROOTFS_SKIP, walkDirectory } from '../sources/rootfs.js';
import { activeAnalyzers } from './active-analyzers.js';
import type { ScanOptions } from './options.js';
import { buildReport } from './report.js';
import { runStages } from './run-stages.js';

export async function scanDirectory(
  dir: string,
  mode: Exclude<ScanMode, 'image'>,
  opts: ScanOptions = {},
): Promise<Report> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const root = resolve(dir);
  const analyzers = activeAnalyzers(opts, mode);
  const warnings: Warning[] = [];
  const skipDirs = [...(mode === 'rootfs' ? DEFAULT_ROOTFS_SKIP : []), ...(opts.skipDirs ?? [])];
  const analysis = await analyzeWalk(walkDirectory(root, { skipDirs, warnings }), {
    mode,
    analyzers,
    options: opts.analyzerOptions ?? {},
  });
  analysis.warnings.unshift(...warnings);
  lap('walk');
  const squashed = squash([{ analysis, index: 0 }], analyzers, { mode, options: opts.analyzerOptions ?? {} });
  lap('squash');
  const artifact: Artifact = { name: dir, type: mode === 'rootfs' ? 'rootfs' : 'filesystem', layers: [] };
  if (squashed.os) artifact.os = squashed.os;
  const ctx = await runStages({
    mode,
    artifact,
    packages: squashed.packages,
    findings: squashed.findings,
    warnings: squashed.warnings,
    squashed,
    options: opts,
    extra: {},
  });
  lap('stages');
  // a directory scan has no layers: locations carry paths only
  for (const p of ctx.packages) for (const l of p.locations) delete l.layerIndex;
  for (const f of ctx.findings) if (f.location) delete f.location.layerIndex;
  for (const w of ctx.warnings) if (w.location) delete w.location.layerIndex;
  return buildReport({ ...ctx, db: ctx.extra.db, timings });
}

export const scanRootfs = (dir: string, opts?: ScanOptions) => scanDirectory(dir, 'rootfs', opts);
export const scanFilesystem = (dir: string, opts?: ScanOptions) => scanDirectory(dir, 'fs', opts);
