// Package-name normalisation per ecosystem, applied identically to advisories at import and to packages
// at match time, so that lookups are exact string equality. Rules follow each registry's identity:
// PyPI PEP 503, NuGet and Composer case-insensitive, Maven group:artifact, the rest as published.
import { debianCodename } from '../core/distro.js';
import type { Ecosystem } from '../core/types.js';

export function normalizeName(ecosystem: Ecosystem | string, name: string): string {
  const n = name.trim();
  switch (ecosystem) {
    case 'pypi':
      return n.toLowerCase().replace(/[-_.]+/g, '-');
    case 'nuget':
    case 'composer':
    case 'deb':
    case 'apk':
      return n.toLowerCase();
    case 'maven':
      return n.replace('/', ':');
    default:
      return n;
  }
}

/** OSV ecosystem names (ossf.github.io/osv-schema/#affectedpackage-field) → purl types. */
export function osvEcosystem(
  eco: string,
): { ecosystem: Ecosystem; distro?: string; release?: string } | undefined {
  const [base = '', ...rest] = eco.split(':');
  const release = rest.join(':') || undefined;
  switch (base) {
    case 'npm':
      return { ecosystem: 'npm' };
    case 'PyPI':
      return { ecosystem: 'pypi' };
    case 'Go':
      return { ecosystem: 'golang' };
    case 'crates.io':
      return { ecosystem: 'cargo' };
    case 'RubyGems':
      return { ecosystem: 'gem' };
    case 'Maven':
      return { ecosystem: 'maven' };
    case 'NuGet':
      return { ecosystem: 'nuget' };
    case 'Packagist':
      return { ecosystem: 'composer' };
    case 'Debian':
      return { ecosystem: 'deb', distro: 'debian', release: release && debianCodename(release) };
    case 'Ubuntu':
      return { ecosystem: 'deb', distro: 'ubuntu', release: release?.replace(/:.*$/, '') };
    case 'Alpine':
      return { ecosystem: 'apk', distro: 'alpine', release: release?.replace(/^v/, '') };
    default:
      return undefined;
  }
}
