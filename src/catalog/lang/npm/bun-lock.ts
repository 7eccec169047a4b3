// bun.lock (bun ≥ 1.2, text JSONC): "workspaces" {path: {dependencies, devDependencies, …}} and
// "packages" {key: ["name@version", registry, {dependencies…}, integrity]}. Dev-only = not reachable
// from a workspace's production dependencies. (The binary bun.lockb is not read.)
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { PalisadeError, errorMessage } from '../../../core/errors.js';
import { npmPurl } from '../../purl.js';
import { basename, devByReachability, isObject, pkg, safely, uniquePackages } from '../common.js';

const FOUND_BY = 'npm-bun-lock';

/** JSONC → JSON: drops comments, then trailing commas, leaving strings untouched. */
export function stripJsonc(text: string): string {
  return scan(scan(text, false), true);
}

function scan(text: string, commas: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (!commas && c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (!commas && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (commas && c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] !== '}' && text[j] !== ']') out += c;
    } else out += c;
  }
  return out;
}

/** "a/@s/b/c" → ["a", "@s/b", "c"] */
function splitNames(key: string): string[] {
  const segs = key.split('/');
  const out: string[] = [];
  for (let i = 0; i < segs.length; i++)
    out.push(segs[i]!.startsWith('@') && i + 1 < segs.length ? `${segs[i]}/${segs[++i]}` : segs[i]!);
  return out;
}

export function parseBunLock(text: string, path: string): Package[] {
  let doc: unknown;
  try {
    doc = JSON.parse(stripJsonc(text));
  } catch (e) {
    throw new PalisadeError('INPUT', `${path}: invalid bun.lock: ${errorMessage(e)}`);
  }
  if (!isObject(doc) || !isObject(doc.packages)) return [];
  const packages = doc.packages;
  const ident = (key: string): { name: string; version: string } | undefined => {
    const v = packages[key];
    if (!Array.isArray(v) || typeof v[0] !== 'string') return undefined;
    const at = v[0].lastIndexOf('@');
    if (at <= 0) return undefined;
    const version = v[0].slice(at + 1);
    // workspace:, link:, file: and git references are not registry versions
    if (/^(workspace|link|file):/.test(version)) return undefined;
    return { name: v[0].slice(0, at), version };
  };
  // a dependency resolves to the most specific key: "parent/dep" before "dep" (bun's hoisting)
  const resolve = (from: string, dep: string): string | undefined => {
    const chain = splitNames(from);
    for (let n = chain.length; n >= 0; n--) {
      const k = [...chain.slice(0, n), dep].join('/');
      if (k in packages) return k;
    }
    return undefined;
  };
  const deps = (key: string): string[] => {
    const v = packages[key];
    const meta = Array.isArray(v) ? v.find((x, i) => i > 0 && isObject(x)) : undefined;
    if (!isObject(meta)) return [];
    const names = [
      ...Object.keys(isObject(meta.dependencies) ? meta.dependencies : {}),
      ...Object.keys(isObject(meta.optionalDependencies) ? meta.optionalDependencies : {}),
    ];
    return names.map((n) => resolve(key, n)).filter((x): x is string => !!x);
  };
  const prodRoots: string[] = [];
  if (isObject(doc.workspaces))
    for (const ws of Object.values(doc.workspaces)) {
      if (!isObject(ws)) continue;
      for (const f of ['dependencies', 'optionalDependencies', 'peerDependencies'])
        if (isObject(ws[f]))
          for (const n of Object.keys(ws[f] as object)) if (n in packages) prodRoots.push(n);
    }
  const prod = devByReachability(prodRoots, deps);
  const out: Package[] = [];
  for (const key of Object.keys(packages)) {
    const nv = ident(key);
    if (!nv) continue;
    const p = pkg({
      name: nv.name,
      version: nv.version,
      ecosystem: 'npm',
      purl: npmPurl(nv.name, nv.version),
      path,
      foundBy: FOUND_BY,
      dev: !prod.has(key),
    });
    const on = deps(key)
      .map(ident)
      .filter((x): x is { name: string; version: string } => !!x)
      .map((x) => npmPurl(x.name, x.version));
    if (on.length) p.dependsOn = [...new Set(on)];
    out.push(p);
  }
  return uniquePackages(out);
}

export const npmBunLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'bun.lock' && !path.includes('node_modules/'),
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseBunLock((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
