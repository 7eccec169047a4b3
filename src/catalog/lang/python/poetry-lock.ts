// poetry.lock (TOML [[package]] tables). Poetry ≥ 1.2 drops "category"; where it is present, "dev"
// marks dev-only packages; otherwise "groups" (Poetry 2) names them.
import { parse as parseToml } from 'smol-toml';
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { pep503, pypiPurl } from '../../purl.js';
import { basename, isObject, pkg, safely, str, uniquePackages } from '../common.js';

const FOUND_BY = 'python-poetry-lock';

export function parsePoetryLock(text: string, path: string): Package[] {
  const doc = parseToml(text);
  const list = Array.isArray(doc.package) ? doc.package : [];
  const out: Package[] = [];
  const byName = new Map<string, string>();
  const deps: [Package, string[]][] = [];
  for (const e of list) {
    if (!isObject(e)) continue;
    const name = str(e.name);
    const version = str(e.version);
    if (!name || !version) continue;
    const groups = Array.isArray(e.groups) ? e.groups.map(String) : undefined;
    const dev =
      e.category === 'dev'
        ? true
        : e.category === 'main'
          ? false
          : groups
            ? !groups.includes('main')
            : undefined;
    const p = pkg({
      name,
      version,
      ecosystem: 'pypi',
      purl: pypiPurl(name, version),
      path,
      foundBy: FOUND_BY,
      ...(dev !== undefined ? { dev } : {}),
    });
    byName.set(pep503(name), p.purl);
    deps.push([p, isObject(e.dependencies) ? Object.keys(e.dependencies) : []]);
    out.push(p);
  }
  for (const [p, names] of deps) {
    const on = names.map((n) => byName.get(pep503(n))).filter((x): x is string => !!x);
    if (on.length) p.dependsOn = on;
  }
  return uniquePackages(out);
}

export const pythonPoetryLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'poetry.lock',
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parsePoetryLock((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
