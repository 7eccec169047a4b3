// Composer: vendor/composer/installed.json (what is installed; Composer 1 is an array, Composer 2 an
// object with "packages" and "dev-package-names") and composer.lock (fs mode; "packages" and
// "packages-dev").
import type { Package } from '../../../core/types.js';
import { normaliseLicense } from '../../license.js';
import { makePurl } from '../../purl.js';
import { isObject, parseJson, pkg, str } from '../common.js';

function composerPackage(e: unknown, path: string, foundBy: string, dev: boolean): Package | undefined {
  if (!isObject(e)) return undefined;
  const full = str(e.name);
  const version = str(e.version);
  if (!full || !version) return undefined;
  const [vendor, name] = full.includes('/')
    ? [full.slice(0, full.indexOf('/')), full.slice(full.indexOf('/') + 1)]
    : [undefined, full];
  const lic = Array.isArray(e.license) ? e.license.map(String) : str(e.license) ? [e.license as string] : [];
  const p = pkg({
    name: full,
    version,
    ecosystem: 'composer',
    purl: makePurl('composer', vendor, name!, version),
    path,
    foundBy,
    dev,
    // composer's license array is a disjunction (the user may pick any)
    licenses: [lic.length ? normaliseLicense(lic.length > 1 ? `(${lic.join(' OR ')})` : lic[0]) : undefined],
  });
  const req = isObject(e.require) ? Object.keys(e.require).filter((r) => r.includes('/')) : [];
  if (req.length) p.metadata = { ...p.metadata, requires: req };
  return p;
}

function link(pkgs: Package[]): Package[] {
  const byName = new Map(pkgs.map((p) => [p.name.toLowerCase(), p.purl]));
  for (const p of pkgs) {
    const on = ((p.metadata?.requires as string[] | undefined) ?? [])
      .map((r) => byName.get(r.toLowerCase()))
      .filter((x): x is string => !!x);
    if (on.length) p.dependsOn = on;
  }
  return pkgs;
}

export function parseInstalledJson(buf: Buffer, path: string): Package[] {
  const doc = parseJson(buf, path);
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.packages) ? doc.packages : [];
  const devNames = new Set(
    isObject(doc) && Array.isArray(doc['dev-package-names']) ? doc['dev-package-names'].map(String) : [],
  );
  return link(
    list
      .map((e) => composerPackage(e, path, 'php-installed-json', isObject(e) && devNames.has(String(e.name))))
      .filter((p): p is Package => !!p),
  );
}

export function parseComposerLock(buf: Buffer, path: string): Package[] {
  const doc = parseJson(buf, path);
  if (!isObject(doc)) return [];
  const prod = (Array.isArray(doc.packages) ? doc.packages : []).map((e) =>
    composerPackage(e, path, 'php-composer-lock', false),
  );
  const dev = (Array.isArray(doc['packages-dev']) ? doc['packages-dev'] : []).map((e) =>
    composerPackage(e, path, 'php-composer-lock', true),
  );
  return link([...prod, ...dev].filter((p): p is Package => !!p));
}
