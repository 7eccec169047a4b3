// pnpm-lock.yaml: lockfile v5 ("/name/1.0.0" keys, dev flags on packages), v6 ("/name@1.0.0") and v9
// ("name@1.0.0" packages + snapshots + importers). Dev-only = not reachable from any importer's
// production dependencies; that is what pnpm's own dev flags mean, computed the same way for v9,
// which dropped them.
import { parse as parseYaml } from 'yaml';
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { npmPurl } from '../../purl.js';
import { basename, devByReachability, isObject, pkg, safely, str, uniquePackages } from '../common.js';

const FOUND_BY = 'npm-pnpm-lock';

/** Package key → name and version, for every lockfile version. Peer suffixes "(…)" / "_…" dropped. */
export function pnpmKey(key: string, v5: boolean): { name: string; version: string } | undefined {
  let k = key.replace(/^\//, '').replace(/\(.*$/, '');
  if (v5) {
    k = k.replace(/_.*$/, '');
    const i = k.lastIndexOf('/');
    if (i <= 0) return undefined;
    return { name: k.slice(0, i), version: k.slice(i + 1) };
  }
  const at = k.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: k.slice(0, at), version: k.slice(at + 1) };
}

/** A dependency reference (importer or snapshot) → the packages/snapshots key it points to. */
function refKey(name: string, ref: string, v5: boolean, v9: boolean): string | undefined {
  const version = isObject(ref) ? str((ref as Record<string, unknown>).version) : String(ref);
  if (!version || version.startsWith('link:') || version.startsWith('file:')) return undefined;
  if (version.startsWith('/')) return version; // aliased: full key
  if (v9) return version.includes('@') && !/^\d/.test(version) ? version : `${name}@${version}`;
  return v5 ? `/${name}/${version}` : `/${name}@${version}`;
}

export function parsePnpmLock(text: string, path: string): Package[] {
  const doc: unknown = parseYaml(text, { maxAliasCount: 100 });
  if (!isObject(doc)) return [];
  const ver = parseFloat(String(doc.lockfileVersion ?? '5'));
  const v5 = ver < 6;
  const v9 = ver >= 9;
  const packages = isObject(doc.packages) ? doc.packages : {};
  const graph = v9 && isObject(doc.snapshots) ? doc.snapshots : packages;
  const strip = (k: string) => k.replace(/\(.*$/, '').replace(v5 ? /_.*$/ : /$^/, '');
  const depsOf = (k: string): string[] => {
    const v = graph[k];
    if (!isObject(v)) return [];
    const out: string[] = [];
    for (const f of ['dependencies', 'optionalDependencies'])
      if (isObject(v[f]))
        for (const [n, r] of Object.entries(v[f] as object)) {
          const rk = refKey(n, r as string, v5, v9);
          if (rk) out.push(rk);
        }
    return out;
  };
  // importers: v5.3+ / v6 / v9 have importers; older single-project files have top-level dependencies
  const importers = isObject(doc.importers) ? Object.values(doc.importers) : [doc];
  const prodRoots: string[] = [];
  let sawRoots = false;
  for (const imp of importers) {
    if (!isObject(imp)) continue;
    for (const f of ['dependencies', 'optionalDependencies', 'devDependencies'])
      if (isObject(imp[f])) {
        sawRoots = true;
        if (f === 'devDependencies') continue;
        for (const [n, r] of Object.entries(imp[f] as object)) {
          const rk = refKey(n, r as string, v5, v9);
          if (rk) prodRoots.push(rk);
        }
      }
  }
  const prod = devByReachability(prodRoots, depsOf);
  const prodBase = new Set([...prod].map(strip));
  const out: Package[] = [];
  for (const [key, v] of Object.entries(packages)) {
    const nv =
      isObject(v) && str(v.name) && str(v.version)
        ? { name: v.name as string, version: v.version as string }
        : pnpmKey(key, v5);
    if (!nv) continue;
    let dev: boolean | undefined;
    if (isObject(v) && typeof v.dev === 'boolean') dev = v.dev;
    else if (sawRoots) dev = !prodBase.has(strip(key));
    const p = pkg({
      name: nv.name,
      version: nv.version,
      ecosystem: 'npm',
      purl: npmPurl(nv.name, nv.version),
      path,
      foundBy: FOUND_BY,
      ...(dev !== undefined ? { dev } : {}),
    });
    const on = (
      v9
        ? Object.keys(graph)
            .filter((s) => strip(s) === key)
            .flatMap(depsOf)
        : depsOf(key)
    )
      .map((k) => pnpmKey(k, v5))
      .filter((x): x is { name: string; version: string } => !!x)
      .map((x) => npmPurl(x.name, x.version));
    if (on.length) p.dependsOn = [...new Set(on)];
    out.push(p);
  }
  return uniquePackages(out);
}

export const npmPnpmLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'pnpm-lock.yaml' && !path.includes('node_modules/'),
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parsePnpmLock((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
