// Pipfile.lock: JSON {"default": {name: {version: "==x"}}, "develop": {…}}; develop-only = dev.
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { pypiPurl } from '../../purl.js';
import { basename, isObject, parseJson, pkg, safely, str } from '../common.js';

const FOUND_BY = 'python-pipfile-lock';

export function parsePipfileLock(buf: Buffer, path: string): Package[] {
  const doc = parseJson(buf, path);
  if (!isObject(doc)) return [];
  const found = new Map<string, Package>();
  for (const section of ['default', 'develop'] as const) {
    const deps = doc[section];
    if (!isObject(deps)) continue;
    for (const [name, v] of Object.entries(deps)) {
      const version = isObject(v) ? str(v.version)?.replace(/^===?/, '') : undefined;
      if (!version) continue;
      const purl = pypiPurl(name, version);
      if (found.has(purl)) continue;
      found.set(
        purl,
        pkg({ name, version, ecosystem: 'pypi', purl, path, foundBy: FOUND_BY, dev: section === 'develop' }),
      );
    }
  }
  return [...found.values()];
}

export const pythonPipfileLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'Pipfile.lock',
  analyze: ({ path, read }) => safely(FOUND_BY, path, async () => parsePipfileLock(await read(), path)),
} as const satisfies Analyzer;
