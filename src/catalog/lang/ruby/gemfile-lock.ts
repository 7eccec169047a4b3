// Gemfile.lock: the "specs:" of GEM, GIT and PATH sections ("    name (version[-platform])" at four
// spaces; six-space lines are their dependencies).
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { makePurl } from '../../purl.js';
import { basename, pkg, safely, uniquePackages } from '../common.js';

const FOUND_BY = 'ruby-gemfile-lock';

export function parseGemfileLock(text: string, path: string): Package[] {
  const out: Package[] = [];
  const deps = new Map<Package, string[]>();
  let section = '';
  let inSpecs = false;
  let cur: Package | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      section = line.trim();
      inSpecs = false;
      continue;
    }
    if (line.trim() === 'specs:') {
      inSpecs = ['GEM', 'GIT', 'PATH'].includes(section);
      continue;
    }
    if (!inSpecs) continue;
    const top = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
    if (top) {
      const version = top[2]!.replace(
        /-(?:x86|x64|arm|aarch|universal|java|mingw|mswin|darwin|linux)[\w.-]*$/,
        '',
      );
      cur = pkg({
        name: top[1]!,
        version,
        ecosystem: 'gem',
        purl: makePurl('gem', undefined, top[1]!, version),
        path,
        foundBy: FOUND_BY,
      });
      out.push(cur);
      deps.set(cur, []);
      continue;
    }
    const dep = /^ {6}([^\s(]+)/.exec(line);
    if (dep && cur) deps.get(cur)!.push(dep[1]!);
  }
  const byName = new Map(out.map((p) => [p.name, p.purl]));
  for (const [p, names] of deps) {
    const on = names.map((n) => byName.get(n)).filter((x): x is string => !!x);
    if (on.length) p.dependsOn = on;
  }
  return uniquePackages(out);
}

export const rubyGemfileLock = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'Gemfile.lock' || basename(path) === 'gems.locked',
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseGemfileLock((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
