// package-lock.json / npm-shrinkwrap.json, lockfileVersion 1 (nested "dependencies"), 2 and 3 ("packages"
// keyed by install path). Dev/optional flags come from the lockfile; dependency edges are resolved the
// way node does (nearest node_modules walking up), so `dependsOn` is exact for v2/v3.
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { npmPurl } from '../../purl.js';
import { basename, isObject, parseJson, pkg, safely, str, uniquePackages } from '../common.js';
import { npmLicense } from './package-json.js';

const FOUND_BY = 'npm-package-lock';

/** the package name an install path stands for: "node_modules/a/node_modules/@s/b" → "@s/b" */
function nameFromPath(key: string): string {
  const i = key.lastIndexOf('node_modules/');
  return i < 0 ? key : key.slice(i + 'node_modules/'.length);
}

/** node's resolution: from `from`, look for node_modules/<dep> in each ancestor install path. */
function resolve(packages: Record<string, unknown>, from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const key = base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`;
    if (key in packages) return key;
    if (!base) return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

export function parsePackageLock(buf: Buffer, path: string): Package[] {
  const lock = parseJson(buf, path);
  if (!isObject(lock)) return [];
  const out: Package[] = [];
  if (isObject(lock.packages)) {
    const packages = lock.packages;
    const purlOf = new Map<string, string>();
    const entries: [string, Record<string, unknown>, Package][] = [];
    for (const [key, v] of Object.entries(packages)) {
      if (key === '' || !isObject(v)) continue;
      let entry = v;
      let at = key;
      if (v.link === true) {
        // workspace link: the target entry holds the version; report it once, at the target
        continue;
      }
      const inModules = key.includes('node_modules/');
      const name = str(entry.name) ?? (inModules ? nameFromPath(key) : undefined);
      const version = str(entry.version);
      if (!name || !version) continue;
      if (!inModules) {
        // a workspace member directory: it is part of the project, listed so its deps resolve
        entry = { ...entry, workspace: true };
        at = key;
      }
      const p = pkg({
        name,
        version,
        ecosystem: 'npm',
        purl: npmPurl(name, version),
        path,
        foundBy: FOUND_BY,
        // npm ≥ 7 copies each package's "license" into the v2/v3 lockfile
        licenses: [npmLicense(entry)],
        dev: entry.dev === true || entry.devOptional === true,
        metadata: {
          ...(str(entry.resolved) ? { resolved: entry.resolved } : {}),
          ...(str(entry.integrity) ? { integrity: entry.integrity } : {}),
          ...(entry.optional === true ? { optional: true } : {}),
          ...(entry.workspace ? { workspace: true } : {}),
        },
      });
      purlOf.set(at, p.purl);
      entries.push([at, entry, p]);
    }
    for (const [key, entry, p] of entries) {
      const deps = {
        ...(isObject(entry.dependencies) ? entry.dependencies : {}),
        ...(isObject(entry.optionalDependencies) ? entry.optionalDependencies : {}),
      };
      const on = Object.keys(deps)
        .map((d) => resolve(packages, key, d))
        .map((k) => (k ? (purlOf.get(k) ?? linkTarget(packages, k, purlOf)) : undefined))
        .filter((x): x is string => !!x);
      if (on.length) p.dependsOn = [...new Set(on)];
      out.push(p);
    }
    return uniquePackages(out);
  }
  // lockfileVersion 1
  const walk = (deps: unknown) => {
    if (!isObject(deps)) return;
    for (const [name, v] of Object.entries(deps)) {
      if (!isObject(v)) continue;
      const version = str(v.version);
      // "file:" and git versions in v1 are not registry versions; keep git commits, skip local links
      if (version && !version.startsWith('file:')) {
        out.push(
          pkg({
            name,
            version,
            ecosystem: 'npm',
            purl: npmPurl(name, version),
            path,
            foundBy: FOUND_BY,
            dev: v.dev === true,
          }),
        );
      }
      walk(v.dependencies);
    }
  };
  walk(lock.dependencies);
  return uniquePackages(out);
}

function linkTarget(
  packages: Record<string, unknown>,
  key: string,
  purlOf: Map<string, string>,
): string | undefined {
  const v = packages[key];
  if (isObject(v) && v.link === true && typeof v.resolved === 'string') return purlOf.get(v.resolved);
  return undefined;
}

export const npmPackageLock = {
  id: FOUND_BY,
  version: 2,
  modes: ['fs'],
  required: (path) => {
    const b = basename(path);
    return (b === 'package-lock.json' || b === 'npm-shrinkwrap.json') && !path.includes('node_modules/');
  },
  analyze: ({ path, read }) => safely(FOUND_BY, path, async () => parsePackageLock(await read(), path)),
} as const satisfies Analyzer;
