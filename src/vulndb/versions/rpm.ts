// RPM version ordering: rpmvercmp() from rpm's lib/rpmvercmp.c applied to epoch, version and release
// (EVR). Segments are maximal alphabetic or numeric runs; other characters only separate. Numeric
// segments beat alphabetic ones; '~' sorts before anything (pre-release), '^' after the end of the
// string but before any further segment (post-release snapshot). Written here because the npm
// packages that exist are unmaintained partial ports.
import { compareDigits, invalidVersion, memo, type VersionScheme } from './scheme.js';

const ALNUM = /[A-Za-z0-9]/;

export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !ALNUM.test(a[i]!) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !ALNUM.test(b[j]!) && b[j] !== '~' && b[j] !== '^') j++;
    // tilde: pre-release, sorts lower than anything
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // caret: like the end of the string, but higher than the end itself
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = /\d/.test(a[i]!);
    const re = numeric ? /\d/ : /[A-Za-z]/;
    const si = i;
    const sj = j;
    while (i < a.length && re.test(a[i]!)) i++;
    while (j < b.length && re.test(b[j]!)) j++;
    const x = a.slice(si, i);
    const y = b.slice(sj, j);
    // segments of different types: numeric is newer
    if (y === '') return numeric ? 1 : -1;
    if (numeric) {
      const d = compareDigits(x, y);
      if (d) return d < 0 ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

interface Evr {
  epoch: string;
  version: string;
  release: string;
}

export const parseRpm: (v: string) => Evr | undefined = memo(parseEvr);

function parseEvr(v: string): Evr | undefined {
  const s = v.trim();
  if (!s || /\s/.test(s)) return undefined;
  let epoch = '0';
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    epoch = s.slice(0, colon) || '0';
    if (!/^\d+$/.test(epoch)) return undefined;
    rest = s.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash + 1) : '';
  if (!version || !/[A-Za-z0-9]/.test(version)) return undefined;
  return { epoch, version, release };
}

export function compareRpm(a: string, b: string): number {
  const x = parseRpm(a);
  if (!x) throw invalidVersion('rpm', a);
  const y = parseRpm(b);
  if (!y) throw invalidVersion('rpm', b);
  const e = compareDigits(x.epoch, y.epoch);
  if (e) return e < 0 ? -1 : 1;
  const v = rpmvercmp(x.version, y.version);
  if (v) return v;
  // a missing release compares equal to any release (rpm's behaviour for dependency ranges)
  if (!x.release || !y.release) return 0;
  return rpmvercmp(x.release, y.release);
}

export const rpm: VersionScheme = {
  name: 'rpm',
  valid: (v) => parseRpm(v) !== undefined,
  compare: compareRpm,
};
