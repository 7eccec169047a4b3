// A small in-memory stand-in for the layer walk + squash, for unit tests of file analyzers: each layer
// is a list of files (or deletions); every file goes through required()/analyze() like the real walk
// does, and a file that a later layer deletes or replaces is kept with `hiddenInLayer` when the analyzer
// keeps hidden results. The end-to-end tests run the real pipeline.
import type { AnalysisResult, Analyzer, FileInfo, FileResult, ScanMode } from '../catalog/analyzer.js';

export type FakeEntry =
  | { path: string; content: string | Buffer; mode?: number; uid?: number; type?: 'file' }
  | { path: string; type: 'dir' | 'symlink'; mode?: number; linkname?: string }
  | { path: string; deleted: true };

export async function runLayers(
  analyzer: Analyzer,
  layers: FakeEntry[][],
  options: Record<string, unknown> = {},
  mode: ScanMode = 'image',
): Promise<{ final: AnalysisResult; perFile: FileResult[]; reads: number }> {
  const perLayer: FileResult[][] = [];
  let reads = 0;
  for (const [layerIndex, entries] of layers.entries()) {
    const out: FileResult[] = [];
    for (const e of entries) {
      if ('deleted' in e) continue;
      const isFile = !('type' in e) || e.type === undefined || e.type === 'file';
      const content = isFile && 'content' in e ? Buffer.from(e.content) : Buffer.alloc(0);
      const info: FileInfo = {
        path: e.path,
        type: isFile ? 'file' : (e.type as FileInfo['type']),
        size: content.length,
        mode: e.mode ?? (isFile ? 0o644 : 0o755),
        uid: 'uid' in e && e.uid !== undefined ? e.uid : 0,
        gid: 0,
      };
      if ('linkname' in e && e.linkname) info.linkname = e.linkname;
      if (!analyzer.required(e.path, info)) continue;
      const result = await analyzer.analyze({
        path: e.path,
        info,
        read: async () => {
          reads++;
          return content;
        },
        ctx: { mode, layerIndex, options },
      });
      if (result) out.push({ path: e.path, layerIndex, result });
    }
    perLayer.push(out);
  }
  const perFile: FileResult[] = [];
  perLayer.forEach((results, li) => {
    for (const r of results) {
      let hidden: number | undefined;
      for (let later = li + 1; later < layers.length && hidden === undefined; later++)
        if (layers[later]!.some((e) => e.path === r.path || r.path.startsWith(`${e.path}/`))) hidden = later;
      if (hidden === undefined) perFile.push(r);
      else if (analyzer.keepHidden) perFile.push({ ...r, hiddenInLayer: hidden });
    }
  });
  const ctx = { mode, options };
  const final = analyzer.finalize
    ? analyzer.finalize(perFile, ctx)
    : {
        findings: perFile.flatMap((r) => r.result.findings ?? []),
        warnings: perFile.flatMap((r) => r.result.warnings ?? []),
      };
  return { final, perFile, reads };
}
