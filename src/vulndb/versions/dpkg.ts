// Debian version ordering, Debian Policy §5.6.12: [epoch:]upstream_version[-debian_revision]. Upstream
// and revision compare by alternating non-digit and digit runs; in non-digit runs '~' sorts before
// everything (even the end of the string), letters before other characters. No npm library implements
// this faithfully and it is small, so it lives here.
import { compareDigits, invalidVersion, memo, type VersionScheme } from './scheme.js';

interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

const ALLOWED = /^[A-Za-z0-9.+~:-]+$/;

export const parseDpkg: (v: string) => DpkgVersion | undefined = memo(parseDpkgUncached);

function parseDpkgUncached(v: string): DpkgVersion | undefined {
  const s = v.trim();
  if (!s || !ALLOWED.test(s)) return undefined;
  let epoch = '0';
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    epoch = s.slice(0, colon);
    if (!/^\d+$/.test(epoch)) return undefined;
    rest = s.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (!upstream || (dash >= 0 && !revision)) return undefined;
  // a colon is only allowed in the upstream part when there is an epoch; a hyphen only with a revision
  if (upstream.includes(':')) return undefined;
  if (revision.includes(':')) return undefined;
  return { epoch, upstream, revision };
}

// dpkg's order(): digits and the end sort as 0, '~' before everything, letters before other characters
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return 0;
  if (c === 126) return -1;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  return c + 256;
}

const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** dpkg's verrevcmp: compare one upstream or revision part. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigitAt(a, i)) || (j < b.length && !isDigitAt(b, j))) {
      const d = order(a, i) - order(b, j);
      if (d) return d < 0 ? -1 : 1;
      i++;
      j++;
    }
    const si = i;
    const sj = j;
    while (i < a.length && isDigitAt(a, i)) i++;
    while (j < b.length && isDigitAt(b, j)) j++;
    const d = compareDigits(a.slice(si, i), b.slice(sj, j));
    if (d) return d;
  }
  return 0;
}

export function compareDpkg(a: string, b: string): number {
  const x = parseDpkg(a);
  if (!x) throw invalidVersion('dpkg', a);
  const y = parseDpkg(b);
  if (!y) throw invalidVersion('dpkg', b);
  const e = compareDigits(x.epoch, y.epoch);
  if (e) return e < 0 ? -1 : 1;
  return verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision);
}

export const dpkg: VersionScheme = {
  name: 'dpkg',
  valid: (v) => parseDpkg(v) !== undefined,
  compare: compareDpkg,
};
