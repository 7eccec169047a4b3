// fnmatch-style glob (no FNM_PATHNAME: `*` also matches '/', as Falco's `glob` operator does). Written
// here rather than converted to a RegExp because event data is attacker-controlled: this matcher is the
// classic two-pointer algorithm with one backtrack point, O(pattern × input) at worst, never exponential.

export function globMatch(pattern: string, s: string): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < s.length) {
    if (p < pattern.length) {
      const c = pattern[p]!;
      if (c === '*') {
        starP = p++;
        starI = i;
        continue;
      }
      if (c === '?') {
        p++;
        i++;
        continue;
      }
      if (c === '[') {
        const r = matchClass(pattern, p, s[i]!);
        if (r > 0) {
          p = r;
          i++;
          continue;
        }
      } else if (c === '\\' && p + 1 < pattern.length) {
        if (pattern[p + 1] === s[i]) {
          p += 2;
          i++;
          continue;
        }
      } else if (c === s[i]) {
        p++;
        i++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    i = ++starI;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Match one character against the class starting at pattern[p] === '['; returns the index after ']' or -1. */
function matchClass(pattern: string, p: number, ch: string): number {
  let j = p + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j++;
  }
  let matched = false;
  let first = true;
  while (j < pattern.length && (first || pattern[j] !== ']')) {
    first = false;
    const lo = pattern[j]!;
    if (pattern[j + 1] === '-' && j + 2 < pattern.length && pattern[j + 2] !== ']') {
      const hi = pattern[j + 2]!;
      if (ch >= lo && ch <= hi) matched = true;
      j += 3;
    } else {
      if (ch === lo) matched = true;
      j++;
    }
  }
  if (j >= pattern.length) return ch === '[' ? p + 1 : -1; // unterminated: a literal '['
  return matched !== negate ? j + 1 : -1;
}
