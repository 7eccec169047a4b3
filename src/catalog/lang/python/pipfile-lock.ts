// Pipfile.lock: JSON {"default": {name: {version: "==x"}}, "develop": {…}}; develop-only = dev.
import type { Package } from '../../../core/types.js';
import { pypiPurl } from '../../purl.js';
import { isObject, lockfileAnalyzer, parseJson, pkg, str } from '../common.js';

const FOUND_BY = 'python-pipfile-lock';

export function parsePipfileLock(buf: Buffer | string, path: string): Package[] {
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

export const pythonPipfileLock = lockfileAnalyzer({
  id: FOUND_BY,
  version: 2,
  names: ['Pipfile.lock'],
  parse: parsePipfileLock,
});
