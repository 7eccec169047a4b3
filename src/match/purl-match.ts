// Does a purl written by a person (in an ignore file or a VEX statement) cover a package's purl?
// Type, namespace and name must be equal; a version, qualifiers and subpath count only when given
// (so `pkg:npm/lodash` covers every lodash, and `pkg:deb/debian/zlib1g?arch=amd64` only amd64).
import { PackageURL } from 'packageurl-js';

const cache = new Map<string, PackageURL | null>();

export function parsePurl(s: string): PackageURL | undefined {
  let p = cache.get(s);
  if (p === undefined) {
    try {
      p = PackageURL.fromString(s);
    } catch {
      p = null;
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(s, p);
  }
  return p ?? undefined;
}

/** npm, pypi and most ecosystems compare names case-insensitively; the purl spec lowercases them */
function sameName(type: string, a: string, b: string): boolean {
  return type === 'maven' || type === 'golang' ? a === b : a.toLowerCase() === b.toLowerCase();
}

export function purlMatches(spec: string, actual: string): boolean {
  if (spec === actual) return true;
  const s = parsePurl(spec);
  const a = parsePurl(actual);
  if (!s || !a) return false;
  if (s.type.toLowerCase() !== a.type.toLowerCase()) return false;
  if ((s.namespace ?? '').toLowerCase() !== (a.namespace ?? '').toLowerCase()) return false;
  if (!sameName(s.type, s.name, a.name)) return false;
  if (s.version && s.version !== a.version) return false;
  if (s.subpath && s.subpath !== a.subpath) return false;
  for (const [k, v] of Object.entries(s.qualifiers ?? {})) if (a.qualifiers?.[k] !== v) return false;
  return true;
}
