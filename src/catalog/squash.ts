// Applies layers in order (OCI image-spec "Applying changesets"): a later entry at the same path, a
// whiteout of the path or of a parent, an opaque parent directory, or a non-directory replacing a parent
// hides what lower layers put there. Each analyzer's per-file results are then marked visible or
// hidden (with the layer that hid them) and combined by the analyzer's finalize step.
import type { AnalysisResult, Analyzer, FileInfo, FileResult, FinalizeContext } from './analyzer.js';
import type { LayerAnalysis } from './layer.js';
import type { Finding, OSInfo, Package, Warning } from '../core/types.js';
import { FileIndex } from '../extract/file-index.js';

export interface SquashInput {
  analysis: LayerAnalysis;
  index: number;
  diffId?: string;
}

export interface SquashedFile {
  info: FileInfo;
  layerIndex: number;
}

export interface Squashed {
  os?: OSInfo;
  packages: Package[];
  findings: Finding[];
  warnings: Warning[];
  /** per analyzer id, the results in layer order with visibility (for later stages and debugging) */
  results: Map<string, FileResult[]>;
  /** the final file tree (visible entries only), built on first use */
  tree(): Map<string, SquashedFile>;
  /** the layer that hides `path` as written by `layerIndex`, or undefined when it is visible */
  hiddenBy(path: string, layerIndex: number): number | undefined;
}

function* ancestors(path: string): Generator<string> {
  let i = path.lastIndexOf('/');
  while (i > 0) {
    path = path.slice(0, i);
    yield path;
    i = path.lastIndexOf('/');
  }
}

/** Visibility over a stack of layers. Built once; answers "who hides (path, layer)" in O(depth). */
class Visibility {
  // for each path: the sorted list of layers that touch it in each way
  private entryAt = new Map<string, number[]>();
  private nonDirAt = new Map<string, number[]>();
  private whiteoutAt = new Map<string, number[]>();
  private opaqueAt = new Map<string, number[]>();

  /** `only`: record entries at these paths only (the result paths and their parents); all when absent */
  constructor(layers: SquashInput[], only?: Set<string>) {
    const push = (m: Map<string, number[]>, k: string, v: number) => {
      const l = m.get(k);
      if (l) {
        if (l[l.length - 1] !== v) l.push(v);
      } else m.set(k, [v]);
    };
    const sorted = [...layers].sort((a, b) => a.index - b.index);
    // the lowest layer hides nothing (only later layers hide), so its entries need not be indexed
    for (const { analysis, index } of sorted.slice(1)) {
      const meta = analysis.files.meta;
      const paths = analysis.files.paths;
      for (let n = 0; n < paths.length; n++) {
        const p = paths[n]!;
        if (only && !only.has(p)) continue;
        push(this.entryAt, p, index);
        if (meta[n * 5] !== 1) push(this.nonDirAt, p, index); // type code 1 = dir
      }
    }
    for (const { analysis, index } of sorted) {
      for (const w of analysis.whiteouts) push(this.whiteoutAt, w, index);
      for (const d of analysis.opaqueDirs) push(this.opaqueAt, d, index);
    }
  }

  private static firstAfter(list: number[] | undefined, layer: number): number | undefined {
    if (!list) return undefined;
    for (const v of list) if (v > layer) return v;
    return undefined;
  }

  hiddenBy(path: string, layer: number): number | undefined {
    let best: number | undefined;
    const consider = (v: number | undefined) => {
      if (v !== undefined && (best === undefined || v < best)) best = v;
    };
    consider(Visibility.firstAfter(this.entryAt.get(path), layer));
    consider(Visibility.firstAfter(this.whiteoutAt.get(path), layer));
    for (const a of ancestors(path)) {
      consider(Visibility.firstAfter(this.nonDirAt.get(a), layer));
      consider(Visibility.firstAfter(this.whiteoutAt.get(a), layer));
      consider(Visibility.firstAfter(this.opaqueAt.get(a), layer));
    }
    return best;
  }
}

function stamp(r: AnalysisResult, layerIndex: number, hiddenInLayer: number | undefined): AnalysisResult {
  const out = structuredClone(r);
  for (const p of out.packages ?? []) for (const l of p.locations) l.layerIndex = layerIndex;
  for (const f of out.findings ?? []) {
    if (f.location) f.location.layerIndex = layerIndex;
    if (hiddenInLayer !== undefined && (f.kind === 'secret' || f.kind === 'malware'))
      f.hiddenInLayer = hiddenInLayer;
  }
  for (const w of out.warnings ?? []) if (w.location) w.location.layerIndex = layerIndex;
  return out;
}

/** Default combination when an analyzer has no finalize: concatenate, topmost OS wins. */
function concatResults(results: FileResult[], keepHiddenFindings: boolean): AnalysisResult {
  const out: Required<Pick<AnalysisResult, 'packages' | 'findings' | 'warnings'>> & { os?: OSInfo } = {
    packages: [],
    findings: [],
    warnings: [],
  };
  for (const fr of results) {
    const hidden = fr.hiddenInLayer !== undefined;
    if (!hidden) {
      out.packages.push(...(fr.result.packages ?? []));
      if (fr.result.os) out.os = fr.result.os;
    }
    if (!hidden || keepHiddenFindings) out.findings.push(...(fr.result.findings ?? []));
    out.warnings.push(...(fr.result.warnings ?? []));
  }
  return out;
}

export function squash(
  layers: SquashInput[],
  analyzers: readonly Analyzer[],
  ctx: FinalizeContext,
): Squashed {
  // visibility is asked about result paths only (a few hundred), so index just those and their parents
  const interesting = new Set<string>();
  for (const { analysis } of layers)
    for (const r of analysis.results) {
      interesting.add(r.p);
      for (const a of ancestors(r.p)) interesting.add(a);
    }
  const vis = new Visibility(layers, interesting);
  let fullVis: Visibility | undefined;
  const ordered = [...layers].sort((a, b) => a.index - b.index);
  const results = new Map<string, FileResult[]>();
  for (const a of analyzers) results.set(a.id, []);
  const warnings: Warning[] = [];
  for (const { analysis, index } of ordered) {
    for (const w of analysis.warnings)
      warnings.push({ ...w, location: { ...(w.location ?? { path: '' }), layerIndex: index } });
    for (const sr of analysis.results) {
      const list = results.get(sr.a);
      if (!list) continue; // analyzer no longer active
      const hiddenInLayer = vis.hiddenBy(sr.p, index);
      const fr: FileResult = { path: sr.p, layerIndex: index, result: stamp(sr.r, index, hiddenInLayer) };
      if (hiddenInLayer !== undefined) fr.hiddenInLayer = hiddenInLayer;
      list.push(fr);
    }
  }

  let os: OSInfo | undefined;
  const packages: Package[] = [];
  const findings: Finding[] = [];
  for (const a of analyzers) {
    const all = results.get(a.id)!;
    const seen =
      a.finalizeSeesHidden || a.keepHidden ? all : all.filter((r) => r.hiddenInLayer === undefined);
    let r: AnalysisResult;
    try {
      r = a.finalize ? a.finalize(seen, { ...ctx, os }) : concatResults(seen, !!a.keepHidden);
    } catch (e) {
      warnings.push({ code: 'ANALYZER_ERROR', message: `${a.id}: finalize failed: ${(e as Error).message}` });
      continue;
    }
    if (r.os && !os) os = r.os;
    packages.push(...(r.packages ?? []));
    findings.push(...(r.findings ?? []));
    warnings.push(...(r.warnings ?? []));
  }

  // finalizers may move a package to the layer that first installed it; diffIDs follow the index
  const diffIds = new Map(ordered.map((l) => [l.index, l.diffId]));
  const setDiff = (l: { layerIndex?: number; layerDiffId?: string } | undefined) => {
    const d = l?.layerIndex === undefined ? undefined : diffIds.get(l.layerIndex);
    if (l && d) l.layerDiffId = d;
  };
  for (const p of packages) p.locations.forEach(setDiff);
  for (const f of findings) setDiff(f.location);

  let tree: Map<string, SquashedFile> | undefined;
  return {
    os,
    packages,
    findings,
    warnings,
    results,
    hiddenBy: (path, layerIndex) => (fullVis ??= new Visibility(layers)).hiddenBy(path, layerIndex),
    tree() {
      if (tree) return tree;
      const vis = (fullVis ??= new Visibility(layers));
      tree = new Map();
      for (const { analysis, index } of ordered) {
        const idx = new FileIndex(analysis.files);
        for (let n = 0; n < idx.size; n++) {
          const p = analysis.files.paths[n]!;
          if (vis.hiddenBy(p, index) === undefined) tree.set(p, { info: idx.get(n), layerIndex: index });
        }
      }
      return tree;
    },
  };
}
