// Cargo.lock (TOML [[package]]): every locked crate; dependency edges from "name" or "name version".
// Workspace members (no source) are the project, not dependencies.
import { parse as parseToml } from 'smol-toml';
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { makePurl } from '../../purl.js';
import { basename, isObject, pkg, safely, str } from '../common.js';

const FOUND_BY = 'rust-cargo-lock';

export function parseCargoLock(text: string, path: string): Package[] {
  const doc = parseToml(text);
  const list = ((Array.isArray(doc.package) ? doc.package : []) as unknown[]).filter(isObject);
  const byName = new Map<string, Record<string, unknown>[]>();
  for (const e of list) byName.set(String(e.name), [...(byName.get(String(e.name)) ?? []), e]);
  const purlOf = (e: Record<string, unknown>) => makePurl('cargo', undefined, String(e.name), str(e.version));
  const out: Package[] = [];
  for (const e of list) {
    const name = str(e.name);
    const version = str(e.version);
    if (!name || !version || !str(e.source)) continue;
    const p = pkg({
      name,
      version,
      ecosystem: 'cargo',
      purl: purlOf(e),
      path,
      foundBy: FOUND_BY,
      metadata: { source: e.source },
    });
    const on = (Array.isArray(e.dependencies) ? e.dependencies : [])
      .map((d) => {
        const [n, v] = String(d).split(' ');
        const cands = byName.get(n!) ?? [];
        const hit = v ? cands.find((c) => c.version === v) : cands[0];
        return hit ? purlOf(hit) : undefined;
      })
      .filter((x): x is string => !!x);
    if (on.length) p.dependsOn = on;
    out.push(p);
  }
  return out;
}

export const rustCargoLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'Cargo.lock',
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseCargoLock((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
