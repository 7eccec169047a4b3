// Go module versions (golang.org/ref/mod#versions): semantic versions with a 'v' prefix, pseudo-versions
// (v0.0.0-20210428140749-89ef3d95e781, vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef123456) that are SemVer
// pre-releases and so order by their timestamp, and '+incompatible' build metadata that does not
// affect order. The Go toolchain's own versions (go1.21rc2, go1.20) map onto the same order as the Go
// vulnerability database writes them (1.21.0-rc.2, 1.20.0).
import { parseSemver } from './semver.js';
import { invalidVersion, memo, type VersionScheme } from './scheme.js';

/** Canonical SemVer (no 'v') for a module or toolchain version, or undefined when it is not one. */
export const canonicalGo: (v: string) => string | undefined = memo(canonical);

function canonical(v: string): string | undefined {
  let s = v.trim();
  // toolchain versions, with or without 'go' (the stdlib package of a binary carries "1.22" or "1.22.1")
  const tool = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(s);
  if (tool) {
    const [, maj, min = '0', patch = '0', pre, n] = tool;
    return `${maj}.${min}.${patch}${pre ? `-${pre}.${n}` : ''}`;
  }
  s = s.replace(/^v/, '');
  // Go accepts v1 and v1.2 as shorthand in some places; modules always have three parts
  return parseSemver(s) ? s : undefined;
}

const parseGo = memo((v: string) => {
  const c = canonicalGo(v);
  return c === undefined ? undefined : parseSemver(c);
});

export const go: VersionScheme = {
  name: 'go',
  valid: (v) => canonicalGo(v) !== undefined,
  compare(a, b) {
    const x = parseGo(a);
    if (x === undefined) throw invalidVersion('go', a);
    const y = parseGo(b);
    if (y === undefined) throw invalidVersion('go', b);
    return x.compare(y);
  },
};
