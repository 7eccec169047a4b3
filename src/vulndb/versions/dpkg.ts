// Debian version ordering, Debian Policy §5.6.12: [epoch:]upstream_version[-debian_revision]. Upstream
// and revision compare by alternating non-digit and digit runs; in non-digit runs '~' sorts before
// everything (even the end of the string), letters before other characters. No npm library implements
// this faithfully and it is small, so it lives here.
import { compareDigits, invalidVersion, type VersionScheme } from './scheme.js';

interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

const ALLOWED = /^[A-Za-z0-9.+~:-]+$/;

export function parseDpkg(v: string): DpkgVersion | undefined {
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

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp: compare one upstream or revision part. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = i < a.length && !isDigit(a[i]) ? a[i] : undefined;
      const bc = j < b.length && !isDigit(b[j]) ? b[j] : undefined;
      const d = order(ac) - order(bc);
      if (d) return d < 0 ? -1 : 1;
      i++;
      j++;
    }
    let ad = '';
    let bd = '';
    while (i < a.length && isDigit(a[i])) ad += a[i++];
    while (j < b.length && isDigit(b[j])) bd += b[j++];
    const d = compareDigits(ad || '0', bd || '0');
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
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
