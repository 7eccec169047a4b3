// Installed Python distributions: *.dist-info/METADATA (wheels, pip), *.egg-info/PKG-INFO and bare
// *.egg-info files (setuptools; what Debian's python3-* packages ship in dist-packages). Both are RFC 822
// style headers (core metadata spec). Names are normalised per PEP 503 in the purl.
import type { Analyzer } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { normaliseLicense } from '../../license.js';
import { pypiPurl } from '../../purl.js';
import { pkg, safely } from '../common.js';

const FOUND_BY = 'python-metadata';
const PATH = /(?:^|\/)[^/]+\.(?:dist-info\/METADATA|egg-info\/PKG-INFO|egg-info)$/;

/** Header fields of a core-metadata file (continuation lines folded), up to the body. */
export function parseCoreMetadata(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break; // the long description body follows
    if (/^[ \t]/.test(line) && last) {
      const vals = fields.get(last)!;
      vals[vals.length - 1] += `\n${line.trim()}`;
      continue;
    }
    const m = /^([A-Za-z0-9-]+):\s?(.*)$/.exec(line);
    if (!m) continue;
    last = m[1]!.toLowerCase();
    if (!fields.has(last)) fields.set(last, []);
    fields.get(last)!.push(m[2]!.trim());
  }
  return fields;
}

export function pythonLicense(f: Map<string, string[]>): string | undefined {
  const expr = f.get('license-expression')?.[0];
  if (expr) return normaliseLicense(expr);
  const classifiers = (f.get('classifier') ?? []).filter(
    (c) => c.startsWith('License ::') && !/:: OSI Approved$/.test(c),
  );
  const lic = f.get('license')?.[0];
  // a short License field is a name; a long one is the license text itself, useless as an id
  if (lic && lic.length < 80 && !lic.includes('\n') && !/^unknown$/i.test(lic)) return normaliseLicense(lic);
  if (classifiers.length)
    return normaliseLicense(
      classifiers.map((c) => c.replace(/^License :: (OSI Approved :: )?/, '')).join(' OR '),
    );
  return undefined;
}

export function parsePythonMetadata(text: string, path: string): Package[] {
  const f = parseCoreMetadata(text);
  const name = f.get('name')?.[0];
  const version = f.get('version')?.[0];
  if (!name || !version) return [];
  const metadata: Record<string, unknown> = {};
  const author = f.get('author')?.[0];
  if (author) metadata.author = author;
  const requires = (f.get('requires-dist') ?? []).filter((r) => !r.includes('extra =='));
  if (requires.length) metadata.requires = requires;
  return [
    pkg({
      name,
      version,
      ecosystem: 'pypi',
      purl: pypiPurl(name, version),
      path,
      foundBy: FOUND_BY,
      licenses: [pythonLicense(f)],
      metadata,
    }),
  ];
}

export const pythonMetadata = {
  id: FOUND_BY,
  version: 1,
  maxSize: 8 * 1024 * 1024,
  required: (path, info) => info.type === 'file' && PATH.test(path),
  analyze: ({ path, read }) =>
    safely(FOUND_BY, path, async () => parsePythonMetadata((await read()).toString('utf8'), path)),
} as const satisfies Analyzer;
