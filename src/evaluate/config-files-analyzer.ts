// Dockerfiles and Compose files found inside an image or a scanned tree (issue 7: "Dockerfiles found
// in images and repos"), checked by the same packs as `palisade config`. Kubernetes manifests are left
// out on purpose: any .yaml in an image could be one, and images carry many that are not deployed
// (chart examples, test data); Dockerfiles and Compose files are recognised by name.
import type { Analyzer } from '../catalog/analyzer.js';
import type { Warning } from '../core/types.js';
import { composeName, dockerfileName, SKIP_DIRS, yamlResources } from './config-scan.js';
import { dockerfileResource } from './dockerfile/resource.js';
import { evaluate } from './engine.js';
import { builtinChecks } from './registry.js';

export const configFilesAnalyzer = {
  id: 'config-files',
  version: 1,
  scanner: 'misconfig',
  // a real Dockerfile or Compose file is a few kB; the YAML loader refuses documents over 3 MiB anyway
  maxSize: 4 * 1024 * 1024,
  required(path, info) {
    if (info.type !== 'file') return false;
    const parts = path.split('/');
    const name = parts[parts.length - 1]!;
    if (!dockerfileName(name) && !composeName(name)) return false;
    return !parts.some((p, i) => i < parts.length - 1 && SKIP_DIRS.has(p));
  },
  async analyze({ path, read }) {
    const buf = await read();
    if (buf.includes(0)) return undefined; // a binary file under a Dockerfile-like name
    const text = buf.toString('utf8');
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
    const out: { findings?: typeof res.findings; warnings?: Warning[] } = {};
    if (res.findings.length) out.findings = res.findings;
    warnings.push(...res.warnings);
    if (warnings.length) out.warnings = warnings;
    return out.findings || out.warnings ? out : undefined;
  },
} as const satisfies Analyzer;
