// Installed npm packages: node_modules/<name>/package.json and node_modules/@scope/<name>/package.json
// at any depth (nested node_modules are separate installs). Workspace members live outside
// node_modules (node_modules/<name> is a symlink to them), so root manifests are read too: finalize
// reports the packages that match a root's "workspaces" globs; other manifests (the app itself, test
// fixtures inside packages) are not packages installed in the image.
import { posix } from 'node:path';
import type { AnalysisResult, Analyzer, FileResult } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { normaliseLicense } from '../../license.js';
import { npmPurl } from '../../purl.js';
import { atLayer, fileWarning, isObject, parseJson, pkg, str } from '../common.js';

const INSTALLED = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/;

export function npmLicense(m: Record<string, unknown>): string | undefined {
  const l = m.license;
  if (typeof l === 'string') return normaliseLicense(l);
  if (isObject(l)) return normaliseLicense(str(l.type));
  // the long-deprecated "licenses": [{type}] form
  if (Array.isArray(m.licenses)) {
    const names = m.licenses.map((x) => (isObject(x) ? str(x.type) : str(x))).filter(Boolean);
    if (names.length) return normaliseLicense(names.join(' OR '));
  }
  return undefined;
}

export function packageJsonToPackage(
  m: Record<string, unknown>,
  path: string,
  foundBy: string,
): Package | undefined {
  const name = str(m.name);
  const version = str(m.version);
  if (!name || !version) return undefined;
  const metadata: Record<string, unknown> = {};
  const author = isObject(m.author) ? str(m.author.name) : str(m.author);
  if (author) metadata.author = author;
  const homepage = str(m.homepage);
  if (homepage) metadata.homepage = homepage;
  const p = pkg({
    name,
    version,
    ecosystem: 'npm',
    purl: npmPurl(name, version),
    path,
    foundBy,
    licenses: [npmLicense(m)],
    metadata,
  });
  if (isObject(m.dependencies)) p.metadata = { ...p.metadata, requires: Object.keys(m.dependencies) };
  return p;
}

interface ManifestData {
  dir: string;
  workspaces?: string[];
}

/** "packages/*" / "apps/**" → RegExp over directory paths relative to the root. */
function globToRegExp(glob: string): RegExp {
  const re = glob
    .replace(/\/+$/, '')
    .split('/')
    .map((seg) =>
      seg === '**' ? '(?:[^/]+/)*?[^/]+' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
    )
    .join('/');
  return new RegExp(`^${re}$`);
}

export const npmPackageJson = {
  id: 'npm-package-json',
  version: 1,
  maxSize: 4 * 1024 * 1024,
  required: (path, info) =>
    info.type === 'file' && (path === 'package.json' || path.endsWith('/package.json')),
  async analyze({ path, read }): Promise<AnalysisResult | undefined> {
    const installed = INSTALLED.test(path);
    let m: unknown;
    try {
      m = parseJson(await read(), path);
    } catch (e) {
      return installed ? fileWarning('npm-package-json', path, e) : undefined;
    }
    if (!isObject(m)) return undefined;
    if (installed) {
      const p = packageJsonToPackage(m, path, 'npm-package-json');
      return p ? { packages: [p] } : undefined;
    }
    const ws = Array.isArray(m.workspaces)
      ? m.workspaces
      : isObject(m.workspaces) && Array.isArray(m.workspaces.packages)
        ? m.workspaces.packages
        : undefined;
    const data: ManifestData & { pkg?: Package } = { dir: posix.dirname(path) };
    if (ws) data.workspaces = ws.filter((x): x is string => typeof x === 'string');
    const p = packageJsonToPackage(m, path, 'npm-package-json');
    if (p) data.pkg = p;
    return { data };
  },
  finalize(results: FileResult[]): AnalysisResult {
    const packages: Package[] = [];
    const warnings = results.flatMap((r) => r.result.warnings ?? []);
    const roots: { dir: string; res: RegExp[] }[] = [];
    for (const r of results) {
      const d = r.result.data as (ManifestData & { pkg?: Package }) | undefined;
      if (d?.workspaces?.length) roots.push({ dir: d.dir, res: d.workspaces.map(globToRegExp) });
    }
    for (const r of results) {
      for (const p of r.result.packages ?? []) packages.push(atLayer(p, r.layerIndex));
      const d = r.result.data as (ManifestData & { pkg?: Package }) | undefined;
      if (!d?.pkg) continue;
      const member = roots.some(({ dir, res }) => {
        const rel =
          dir === '.' ? d.dir : d.dir.startsWith(dir + '/') ? d.dir.slice(dir.length + 1) : undefined;
        return rel !== undefined && rel !== '' && res.some((re) => re.test(rel));
      });
      if (member)
        packages.push(atLayer({ ...d.pkg, metadata: { ...d.pkg.metadata, workspace: true } }, r.layerIndex));
    }
    return { packages, warnings };
  },
} as const satisfies Analyzer;
