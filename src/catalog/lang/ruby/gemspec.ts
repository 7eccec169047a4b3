// Installed gems: specifications/<name>-<version>.gemspec (the Ruby source RubyGems writes on install).
// The file is Ruby, not data; we read the assignments RubyGems generates (s.name = "…", s.version =
// "…", s.licenses = ["…"]) without evaluating anything.
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { normaliseLicense } from '../../license.js';
import { makePurl } from '../../purl.js';
import { pkg, safely } from '../common.js';

const FOUND_BY = 'ruby-gemspec';

const strings = (s: string | undefined) =>
  [...(s ?? '').matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] ?? m[2] ?? '');

export function parseGemspec(text: string, path: string): Package[] {
  const field = (name: string) => new RegExp(`^\\s*\\w+\\.${name}\\s*=\\s*(.+)$`, 'm').exec(text)?.[1];
  const name = strings(field('name'))[0];
  // s.version = "1.2.3" or Gem::Version.new("1.2.3")
  const version = strings(field('version'))[0];
  if (!name || !version) return [];
  const lic = strings(field('licenses') ?? field('license'));
  const licenses = lic.length ? [normaliseLicense(lic.join(' AND '))] : [];
  return [
    pkg({
      name,
      version,
      ecosystem: 'gem',
      purl: makePurl('gem', undefined, name, version),
      path,
      foundBy: FOUND_BY,
      licenses,
    }),
  ];
}

export const rubyGemspec = {
  id: FOUND_BY,
  version: 1,
  maxSize: 1024 * 1024,
  required: (path, info) => info.type === 'file' && /(?:^|\/)specifications\/[^/]+\.gemspec$/.test(path),
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parseGemspec((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
