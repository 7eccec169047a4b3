// .NET: *.deps.json (written next to every built app: what it loads, so read in images too) and
// packages.lock.json (NuGet lock, fs mode). Only "package" libraries are NuGet packages; "project"
// entries are the app's own assemblies.
import type { Package } from '../../../core/types.js';
import { makePurl } from '../../purl.js';
import { isObject, parseJson, pkg, str, uniquePackages } from '../common.js';

const nugetPurl = (n: string, v: string) => makePurl('nuget', undefined, n, v);

export function parseDepsJson(buf: Buffer, path: string): Package[] {
  const doc = parseJson(buf, path);
  if (!isObject(doc) || !isObject(doc.libraries)) return [];
  const out: Package[] = [];
  const deps = new Map<string, string[]>();
  if (isObject(doc.targets))
    for (const t of Object.values(doc.targets))
      if (isObject(t))
        for (const [k, v] of Object.entries(t))
          if (isObject(v) && isObject(v.dependencies))
            deps.set(
              k,
              Object.entries(v.dependencies).map(([n, ver]) => `${n}/${String(ver)}`),
            );
  for (const [key, lib] of Object.entries(doc.libraries)) {
    if (!isObject(lib) || lib.type !== 'package') continue;
    const i = key.lastIndexOf('/');
    if (i <= 0) continue;
    const name = key.slice(0, i);
    const version = key.slice(i + 1);
    const p = pkg({
      name,
      version,
      ecosystem: 'nuget',
      purl: nugetPurl(name, version),
      path,
      foundBy: 'dotnet-deps-json',
      metadata: str(lib.sha512) ? { sha512: lib.sha512 } : {},
    });
    const on = (deps.get(key) ?? [])
      .filter(
        (d) =>
          isObject(doc.libraries) &&
          isObject(doc.libraries[d]) &&
          (doc.libraries[d] as Record<string, unknown>).type === 'package',
      )
      .map((d) => nugetPurl(d.slice(0, d.lastIndexOf('/')), d.slice(d.lastIndexOf('/') + 1)));
    if (on.length) p.dependsOn = on;
    out.push(p);
  }
  return out;
}

export function parsePackagesLock(buf: Buffer, path: string): Package[] {
  const doc = parseJson(buf, path);
  if (!isObject(doc) || !isObject(doc.dependencies)) return [];
  const out: Package[] = [];
  for (const fw of Object.values(doc.dependencies)) {
    if (!isObject(fw)) continue;
    for (const [name, e] of Object.entries(fw)) {
      if (!isObject(e) || e.type === 'Project') continue;
      const version = str(e.resolved);
      if (!version) continue;
      const p = pkg({
        name,
        version,
        ecosystem: 'nuget',
        purl: nugetPurl(name, version),
        path,
        foundBy: 'dotnet-packages-lock',
      });
      const on = isObject(e.dependencies) ? Object.keys(e.dependencies) : [];
      if (on.length) p.metadata = { requires: on };
      out.push(p);
    }
  }
  return uniquePackages(out);
}
