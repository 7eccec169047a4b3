// yarn.lock, both dialects: classic (v1, yarn's own indented format) and berry (v2+, YAML with
// __metadata). yarn.lock has no dev flags; dependency edges are kept.
import { parse as parseYaml } from 'yaml';
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { npmPurl } from '../../purl.js';
import { basename, isObject, pkg, safely, str, uniquePackages } from '../common.js';

const FOUND_BY = 'npm-yarn-lock';

/** "@scope/name@^1.0.0" or "name@npm:^1" → "@scope/name" */
export function specName(spec: string): string {
  const s = spec.trim().replace(/^"|"$/g, '');
  const at = s.indexOf('@', 1);
  return at < 0 ? s : s.slice(0, at);
}

interface Entry {
  specs: string[];
  version: string;
  deps: Record<string, string>;
  resolution?: string;
}

function unquote(s: string): string {
  return s.trim().replace(/^"(.*)"$/, '$1');
}

export function parseYarnClassic(text: string): Entry[] {
  const out: Entry[] = [];
  let cur: Entry | undefined;
  let inDeps = false;
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      cur = { specs: line.replace(/:$/, '').split(/,\s*/).map(unquote), version: '', deps: {} };
      out.push(cur);
      inDeps = false;
    } else if (cur && indent === 2) {
      inDeps = line === 'dependencies:' || line === 'optionalDependencies:';
      const m = /^version:?\s+(.+)$/.exec(line);
      if (m) cur.version = unquote(m[1]!);
    } else if (cur && indent >= 4 && inDeps) {
      const m = /^("[^"]+"|\S+):?\s+(.+)$/.exec(line);
      if (m) cur.deps[unquote(m[1]!)] = unquote(m[2]!);
    }
  }
  return out.filter((e) => e.version);
}

function parseYarnBerry(text: string): Entry[] {
  const doc: unknown = parseYaml(text, { maxAliasCount: 100 });
  if (!isObject(doc)) return [];
  const out: Entry[] = [];
  for (const [key, v] of Object.entries(doc)) {
    if (key === '__metadata' || !isObject(v)) continue;
    const version = str(v.version) ?? (typeof v.version === 'number' ? String(v.version) : undefined);
    const resolution = str(v.resolution);
    // workspaces and the project itself are not dependencies
    if (!version || resolution?.includes('@workspace:') || version === '0.0.0-use.local') continue;
    const deps: Record<string, string> = {};
    for (const k of ['dependencies', 'optionalDependencies'])
      if (isObject(v[k])) for (const [d, r] of Object.entries(v[k] as object)) deps[d] = String(r);
    out.push({ specs: key.split(/,\s*/), version, deps, ...(resolution ? { resolution } : {}) });
  }
  return out;
}

export function parseYarnLock(text: string, path: string): Package[] {
  const berry = /^__metadata:/m.test(text);
  const entries = berry ? parseYarnBerry(text) : parseYarnClassic(text);
  const bySpec = new Map<string, string>();
  const made: [Entry, Package][] = [];
  for (const e of entries) {
    const name = specName(e.resolution ?? e.specs[0]!);
    const p = pkg({
      name,
      version: e.version,
      ecosystem: 'npm',
      purl: npmPurl(name, e.version),
      path,
      foundBy: FOUND_BY,
    });
    for (const s of e.specs) bySpec.set(s.trim(), p.purl);
    made.push([e, p]);
  }
  for (const [e, p] of made) {
    const on = Object.entries(e.deps)
      .map(([d, range]) => bySpec.get(`${d}@${range}`) ?? bySpec.get(`${d}@npm:${range}`))
      .filter((x): x is string => !!x);
    if (on.length) p.dependsOn = [...new Set(on)];
  }
  return uniquePackages(made.map(([, p]) => p));
}

export const npmYarnLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'yarn.lock' && !path.includes('node_modules/'),
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseYarnLock((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
