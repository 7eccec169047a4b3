// Cargo's version requirements (doc.rust-lang.org/cargo/reference/specifying-dependencies.html): a
// comma-separated AND of comparators where a bare version means caret (`1.2` = `^1.2`), plus `~`, `=`,
// `<`, `>`, `<=`, `>=` and `*` wildcards. Versions are SemVer 2.0.0. Requirements are translated to the
// npm range grammar, which has the same caret/tilde/wildcard meaning, and evaluated by `semver`.
import semverLib from 'semver';
import { parseSemver, semver } from './semver.js';
import { invalidRequirement, invalidVersion, memo, type VersionScheme } from './scheme.js';

export function cargoToNpmRange(req: string): string {
  const parts = req
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw invalidRequirement('cargo', req);
  return parts.map((p) => (/^\d/.test(p) ? `^${p}` : p.replace(/^=\s*/, '').replace(/\s+/g, ''))).join(' ');
}

/** A Cargo requirement as an npm range, parsed once per distinct string (null when it does not parse). */
const parseCargoRange = memo((req: string): semverLib.Range | null => {
  try {
    return new semverLib.Range(cargoToNpmRange(req), { includePrerelease: true });
  } catch {
    return null;
  }
});

export const cargo: VersionScheme = {
  name: 'cargo',
  valid: semver.valid,
  compare: semver.compare,
  satisfies(version, requirement) {
    const v = parseSemver(version);
    if (!v) throw invalidVersion('cargo', version);
    const range = parseCargoRange(requirement);
    if (!range) throw invalidRequirement('cargo', requirement);
    return range.test(v);
  },
};
