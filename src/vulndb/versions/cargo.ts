// Cargo's version requirements (doc.rust-lang.org/cargo/reference/specifying-dependencies.html): a
// comma-separated AND of comparators where a bare version means caret (`1.2` = `^1.2`), plus `~`, `=`,
// `<`, `>`, `<=`, `>=` and `*` wildcards. Versions are SemVer 2.0.0. Requirements are translated to the
// npm range grammar, which has the same caret/tilde/wildcard meaning, and evaluated by `semver`.
import semverLib from 'semver';
import { parseSemver, semver } from './semver.js';
import { invalidRequirement, invalidVersion, type VersionScheme } from './scheme.js';

export function cargoToNpmRange(req: string): string {
  const parts = req
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw invalidRequirement('cargo', req);
  return parts.map((p) => (/^\d/.test(p) ? `^${p}` : p.replace(/^=\s*/, '').replace(/\s+/g, ''))).join(' ');
}

export const cargo: VersionScheme = {
  name: 'cargo',
  valid: semver.valid,
  compare: semver.compare,
  satisfies(version, requirement) {
    const v = parseSemver(version);
    if (!v) throw invalidVersion('cargo', version);
    let range: semverLib.Range;
    try {
      range = new semverLib.Range(cargoToNpmRange(requirement), { includePrerelease: true });
    } catch {
      throw invalidRequirement('cargo', requirement);
    }
    return range.test(v);
  },
};
