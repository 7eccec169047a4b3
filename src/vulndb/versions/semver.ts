// SemVer 2.0.0 order and npm range syntax, through the `semver` package (npm's own implementation).
// Advisories are about every release, pre-releases included, so ranges are evaluated with
// includePrerelease: `<=1.5.1` covers 1.5.1-beta too.
import semverLib from 'semver';
import { invalidRequirement, invalidVersion, memo, type VersionScheme } from './scheme.js';

const OPTS = { includePrerelease: true, loose: false } as const;

export const parseSemver: (v: string) => semverLib.SemVer | undefined = memo((v) => {
  const s = v.trim().replace(/^v(?=\d)/, '');
  try {
    return new semverLib.SemVer(s, OPTS);
  } catch {
    return undefined;
  }
});

/** An npm range, parsed once per distinct string (null when it does not parse). */
const parseRange = memo((r: string): semverLib.Range | null => {
  try {
    return new semverLib.Range(r, OPTS);
  } catch {
    return null;
  }
});

export const semver: VersionScheme = {
  name: 'semver',
  valid: (v) => parseSemver(v) !== undefined,
  compare(a, b) {
    const x = parseSemver(a);
    if (!x) throw invalidVersion('semver', a);
    const y = parseSemver(b);
    if (!y) throw invalidVersion('semver', b);
    return x.compare(y);
  },
  satisfies(version, requirement) {
    const v = parseSemver(version);
    if (!v) throw invalidVersion('semver', version);
    const range = parseRange(requirement);
    if (!range) throw invalidRequirement('npm', requirement);
    return range.test(v);
  },
};
