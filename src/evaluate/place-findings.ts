// Shared by the file analyzers whose findings survive deletion (secrets, malware, risky files).
import type { AnalysisResult, FileResult } from '../catalog/analyzer.js';
import type { Warning } from '../core/types.js';

/**
 * Puts each finding at the layer its file came from, and marks the layer that hid it. The cached
 * per-layer results carry no layer index (the same layer can sit at another index in another image).
 */
export function placeFindings(results: FileResult[]): AnalysisResult {
  const findings: NonNullable<AnalysisResult['findings']> = [];
  const warnings: Warning[] = [];
  for (const fr of results) {
    for (const f of fr.result.findings ?? []) {
      const placed = {
        ...f,
        location: { ...f.location, path: f.location?.path ?? fr.path, layerIndex: fr.layerIndex },
      };
      if (fr.hiddenInLayer !== undefined && (placed.kind === 'secret' || placed.kind === 'malware'))
        placed.hiddenInLayer = fr.hiddenInLayer;
      findings.push(placed);
    }
    for (const w of fr.result.warnings ?? [])
      warnings.push({ ...w, location: { ...(w.location ?? { path: fr.path }), layerIndex: fr.layerIndex } });
  }
  return { findings, warnings };
}
