// Test helper: run one analyzer over an in-memory file as the pipeline would. Not part of the library
// surface (only tests import it).
import type { AnalysisResult, Analyzer, ScanMode } from './analyzer.js';

export async function analyzeBuffer(
  a: Analyzer,
  path: string,
  data: Buffer | string,
  mode: ScanMode = 'image',
  options: Record<string, unknown> = {},
  fileMode = 0o644,
): Promise<AnalysisResult> {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const info = { path, type: 'file' as const, size: buf.length, mode: fileMode, uid: 0, gid: 0 };
  if (!a.required(path, info)) throw new Error(`${a.id} does not claim ${path}`);
  return (
    (await a.analyze({ path, info, read: async () => buf, ctx: { mode, layerIndex: 0, options } })) ?? {}
  );
}
