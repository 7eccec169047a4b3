// requirements*.txt: only exactly pinned lines (name==version or ===) name a version; ranges do not, and
// Trivy/Syft report none for them either. Extras, markers, hashes and comments are dropped.
import type { Package } from '../../../core/types.js';
import { pypiPurl } from '../../purl.js';
import { basename, lockfileAnalyzer, pkg, uniquePackages } from '../common.js';

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

export const pythonRequirements = lockfileAnalyzer({
  id: FOUND_BY,
  version: 2,
  names: (path) => /^requirements.*\.txt$/.test(basename(path)),
  parse: parseRequirements,
});
