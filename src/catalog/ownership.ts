// OS-ownership dedup: a language package whose evidence files belong to an OS package (dpkg, rpm, apk
// file lists) was installed by the OS package manager — Debian's python3-requests is a deb, so its
// egg-info is not a second, PyPI-sourced requests. Such packages get `ownedBy` = the OS package's purl;
// matchers and reports treat the OS package as the one to report. Pure function over the final list.
import type { Ecosystem, Package } from '../core/types.js';

const OS_ECOSYSTEMS = new Set<Ecosystem>(['deb', 'rpm', 'apk']);

/** usr-merged systems: dpkg lists "lib/x" or "bin/x" while the file is reached as "usr/lib/x" */
function variants(path: string): string[] {
  const p = path.replace(/^\/+/, '');
  const m = /^usr\/((?:s?bin|lib\w*)\/.*)$/.exec(p);
  if (m) return [p, m[1]!];
  if (/^(?:s?bin|lib\w*)\//.test(p)) return [p, `usr/${p}`];
  return [p];
}

/**
 * The files that stand for a language package: its evidence file and, for metadata inside a
 * directory (dist-info, egg-info, node_modules/<pkg>), that directory.
 */
function evidencePaths(p: Package): string[] {
  const out: string[] = [];
  for (const l of p.locations) {
    out.push(l.path);
    const dir = l.path.replace(/\/[^/]+$/, '');
    if (/\.(dist-info|egg-info)$/.test(dir) || /node_modules\/(@[^/]+\/)?[^/]+$/.test(dir)) out.push(dir);
  }
  return out;
}

export function markOsOwnership(packages: Package[]): Package[] {
  const owner = new Map<string, string>();
  for (const p of packages) {
    if (!OS_ECOSYSTEMS.has(p.ecosystem) || !p.files) continue;
    for (const f of p.files) for (const v of variants(f)) if (!owner.has(v)) owner.set(v, p.purl);
  }
  if (owner.size === 0) return packages;
  return packages.map((p) => {
    if (OS_ECOSYSTEMS.has(p.ecosystem) || p.ownedBy) return p;
    for (const e of evidencePaths(p))
      for (const v of variants(e)) {
        const by = owner.get(v);
        if (by) return { ...p, ownedBy: by };
      }
    return p;
  });
}

/** Packages to report as their own findings/components: OS-owned language packages are left out. */
export function unowned(packages: Package[]): Package[] {
  return packages.filter((p) => !p.ownedBy);
}
