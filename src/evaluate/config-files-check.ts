// The work of the config-files analyzer, imported on first use: it pulls in the YAML loader, the
// Dockerfile parser and every check pack, which an image scan without `misconfig` never needs.
import type { AnalysisResult } from '../catalog/analyzer.js';
import type { Warning } from '../core/types.js';
import { dockerfileName } from './config-names.js';
import { yamlResources } from './config-scan.js';
import { dockerfileResource } from './dockerfile/resource.js';
import { evaluate } from './engine.js';
import { builtinChecks } from './registry.js';

/** Checks one Dockerfile or Compose file found at `path` inside an image or a scanned tree. */
export function checkConfigFile(path: string, text: string): AnalysisResult | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const warnings: Warning[] = [];
  const resources = dockerfileName(name)
    ? [dockerfileResource(text, path)]
    : yamlResources(text, path, warnings, undefined, true);
  const res = evaluate(resources, builtinChecks);
  // the scan report has no list of suppressed findings yet: say which were suppressed and by what,
  // so an inline `# palisade:ignore` inside an image is visible, never silently lost
  for (const s of res.suppressed)
    warnings.push({
      code: 'SUPPRESSED',
      message: `${path}:${s.location?.line ?? 1}: ${s.id} suppressed by ${s.suppression.by}${s.suppression.reason ? ` (${s.suppression.reason})` : ''}`,
      location: { path, ...(s.location?.line !== undefined ? { line: s.location.line } : {}) },
    });
  warnings.push(...res.warnings);
  const out: AnalysisResult = {};
  if (res.findings.length) out.findings = res.findings;
  if (warnings.length) out.warnings = warnings;
  return out.findings || out.warnings ? out : undefined;
}
