// Canonical package-urls through packageurl-js (it applies each type's name rules: pypi lower-case
// with '-', npm lower-case, …). One place, so every cataloger spells purls alike.
import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from '../core/types.js';

export function makePurl(
  type: Ecosystem,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
  qualifiers?: Record<string, string>,
  subpath?: string,
): string {
  const q = qualifiers && Object.keys(qualifiers).length ? qualifiers : undefined;
  return new PackageURL(type, namespace || undefined, name, version || undefined, q, subpath).toString();
}

/** npm names carry their scope: "@types/node" → namespace "@types", name "node". */
export function npmPurl(fullName: string, version: string | undefined): string {
  const slash = fullName.startsWith('@') ? fullName.indexOf('/') : -1;
  return slash > 0
    ? makePurl('npm', fullName.slice(0, slash), fullName.slice(slash + 1), version)
    : makePurl('npm', undefined, fullName, version);
}

/** PEP 503: runs of -, _ and . become one '-', lower case. */
export function pep503(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** pypi purls carry the PEP 503 name (the purl spec only folds '_'; '.' runs fold too per PEP 503). */
export function pypiPurl(name: string, version: string | undefined): string {
  return makePurl('pypi', undefined, pep503(name), version);
}

/** golang purls split the module path: namespace = all but the last element. */
export function golangPurl(path: string, version: string | undefined): string {
  const i = path.lastIndexOf('/');
  return i > 0
    ? makePurl('golang', path.slice(0, i), path.slice(i + 1), version)
    : makePurl('golang', undefined, path, version);
}
