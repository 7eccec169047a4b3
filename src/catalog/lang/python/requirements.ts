// requirements*.txt: only exactly pinned lines (name==version or ===) name a version; ranges do not, and
// Trivy/Syft report none for them either. Extras, markers, hashes and comments are dropped.
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { pypiPurl } from '../../purl.js';
import { basename, pkg, safely, uniquePackages } from '../common.js';

const FOUND_BY = 'python-requirements';

export function parseRequirements(text: string, path: string): Package[] {
  const out: Package[] = [];
  for (let raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    raw = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!raw || raw.startsWith('-')) continue;
    const m =
      /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*(?:[;,\s].*)?$/.exec(
        raw,
      );
    if (!m || m[2]!.includes('*')) continue;
    out.push(
      pkg({
        name: m[1]!,
        version: m[2]!,
        ecosystem: 'pypi',
        purl: pypiPurl(m[1]!, m[2]!),
        path,
        foundBy: FOUND_BY,
      }),
    );
  }
  return uniquePackages(out);
}

export const pythonRequirements = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => /^requirements.*\.txt$/.test(basename(path)),
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseRequirements((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
