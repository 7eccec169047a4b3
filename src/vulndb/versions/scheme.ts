// The contract every version scheme implements. Ordering is the scheme's own (dpkg, rpm, apk, PEP 440,
// Maven…): advisories give boundaries in the ecosystem's order, so a generic comparison would both miss
// and invent matches. `compare` throws on an unparsable version so that a caller can never mistake
// "cannot tell" for "not affected"; callers check `valid` first and report status "unknown".
import { PalisadeError } from '../../core/errors.js';

export interface VersionScheme {
  /** short name used in messages and the store: 'dpkg', 'apk', 'semver', 'pep440'… */
  readonly name: string;
  valid(version: string): boolean;
  /** <0, 0, >0 like a sort comparator; throws PalisadeError('INPUT') when either side is unparsable */
  compare(a: string, b: string): number;
  /**
   * Whether `version` satisfies a requirement in the ecosystem's own syntax (npm ranges, `~> 1.2` for
   * RubyGems, Cargo's `^`, PEP 440 specifiers, NuGet intervals). Absent when the ecosystem's advisories
   * never use a requirement syntax. Throws PalisadeError('INPUT') when the requirement is unparsable.
   */
  satisfies?(version: string, requirement: string): boolean;
}

export function invalidVersion(scheme: string, version: string): PalisadeError {
  return new PalisadeError('INPUT', `${scheme} version ${JSON.stringify(version)} is not valid`);
}

export function invalidRequirement(scheme: string, req: string): PalisadeError {
  return new PalisadeError('INPUT', `${scheme} requirement ${JSON.stringify(req)} is not valid`);
}

/** Compares two non-negative decimal digit strings of any length without losing precision ('' is 0). */
export function compareDigits(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && a.charCodeAt(i) === 48) i++;
  while (j < b.length && b.charCodeAt(j) === 48) j++;
  const d = a.length - i - (b.length - j);
  if (d) return d < 0 ? -1 : 1;
  for (; i < a.length; i++, j++) {
    const c = a.charCodeAt(i) - b.charCodeAt(j);
    if (c) return c < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * Memoises a parser of version or requirement strings. Matching compares each installed version with
 * every bound of its candidate advisories, and each bound with many installed versions: parsing every
 * distinct string once is what keeps matching linear in the number of comparisons. Results are shared,
 * so parsers must return values nobody mutates. Bounded (cleared when full) so that a long-running
 * server does not grow without limit.
 */
export function memo<T>(parse: (s: string) => T, max = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = parse(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, v);
    return v;
  };
}

export const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Comparator operators shared by the comparator-list requirement syntaxes (RubyGems, PEP 440, Cargo). */
export type Op = '=' | '==' | '!=' | '>' | '>=' | '<' | '<=' | '~>' | '~=' | '===' | '^' | '~';

/** Applies a plain ordering operator to a comparison result. */
export function applyOp(op: '=' | '==' | '!=' | '>' | '>=' | '<' | '<=', c: number): boolean {
  switch (op) {
    case '=':
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
  }
}
