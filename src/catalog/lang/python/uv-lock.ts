// uv.lock (TOML [[package]] with name, version, source, dependencies, dev-dependencies). Dev-only =
// not reachable from the project's (editable/virtual source) runtime dependencies. The project itself
// and other workspace members are not dependencies and are left out.
import { parse as parseToml } from 'smol-toml';
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { pep503, pypiPurl } from '../../purl.js';
import { basename, devByReachability, isObject, pkg, safely, str } from '../common.js';

const FOUND_BY = 'python-uv-lock';

const depNames = (v: unknown): string[] =>
  Array.isArray(v)
    ? v
        .map((d) => (isObject(d) ? str(d.name) : undefined))
        .filter((x): x is string => !!x)
        .map(pep503)
    : [];

export function parseUvLock(text: string, path: string): Package[] {
  const doc = parseToml(text);
  const list = ((Array.isArray(doc.package) ? doc.package : []) as unknown[]).filter(isObject);
  const isProject = (e: Record<string, unknown>) =>
    isObject(e.source) && (e.source.editable !== undefined || e.source.virtual !== undefined);
  const byName = new Map(list.map((e) => [pep503(String(e.name)), e]));
  const prodRoots = list
    .filter(isProject)
    .flatMap((e) =>
      depNames(e.dependencies).concat(
        isObject(e['optional-dependencies'])
          ? Object.values(e['optional-dependencies']).flatMap(depNames)
          : [],
      ),
    );
  const prod = devByReachability(prodRoots, (n) => depNames(byName.get(n)?.dependencies));
  const hasProject = list.some(isProject);
  const out: Package[] = [];
  for (const e of list) {
    const name = str(e.name);
    const version = str(e.version);
    if (!name || !version || isProject(e)) continue;
    const p = pkg({
      name,
      version,
      ecosystem: 'pypi',
      purl: pypiPurl(name, version),
      path,
      foundBy: FOUND_BY,
      ...(hasProject ? { dev: !prod.has(pep503(name)) } : {}),
    });
    const on = depNames(e.dependencies)
      .map((n) => byName.get(n))
      .filter(isObject)
      .map((d) => pypiPurl(String(d.name), str(d.version)));
    if (on.length) p.dependsOn = on;
    out.push(p);
  }
  return out;
}

export const pythonUvLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'uv.lock',
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseUvLock((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
