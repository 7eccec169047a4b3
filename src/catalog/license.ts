// Declared licenses → SPDX expressions. Packages declare licenses in many dialects: SPDX already
// (npm, Cargo), Fedora's old short names ("GPLv2+ and ASL 2.0"), Debian's DEP-5 names ("GPL-2+",
// "Expat"), PyPI classifiers ("License :: OSI Approved :: MIT License"), Maven names ("The Apache
// Software License, Version 2.0"). spdx-correct fixes most single names, but it guesses versions that
// were never declared ("GPL" → GPL-3.0-or-later, "GPL-2+" → GPL-2.0-only); we never invent a version:
// anything we cannot map exactly becomes LicenseRef-<name>.
import { createRequire } from 'node:module';
import spdxCorrect from 'spdx-correct';
import spdxParse from 'spdx-expression-parse';

const require = createRequire(import.meta.url);
const IDS: readonly string[] = require('spdx-license-ids/index.json') as string[];
const DEPRECATED: readonly string[] = require('spdx-license-ids/deprecated.json') as string[];
const EXCEPTIONS: readonly string[] = require('spdx-exceptions/index.json') as string[];
const byLower = new Map<string, string>();
const exceptionByLower = new Map(EXCEPTIONS.map((e) => [e.toLowerCase(), e]));
for (const id of [...DEPRECATED, ...IDS]) byLower.set(id.toLowerCase(), id);

/** Exact aliases seen in distro metadata that spdx-correct misses or gets wrong. Keys are lower case. */
const ALIASES: Record<string, string> = {
  'asl 2.0': 'Apache-2.0',
  'asl 1.1': 'Apache-1.1',
  'asl 1.0': 'Apache-1.0',
  'apache license 2.0': 'Apache-2.0',
  'apache software license': 'Apache-2.0',
  'the apache software license, version 2.0': 'Apache-2.0',
  'the apache license, version 2.0': 'Apache-2.0',
  'apache license, version 2.0': 'Apache-2.0',
  'apache 2': 'Apache-2.0',
  expat: 'MIT',
  'mit license': 'MIT',
  'the mit license': 'MIT',
  'mit/x11': 'MIT',
  x11: 'X11',
  'bsd-3': 'BSD-3-Clause',
  'bsd-2': 'BSD-2-Clause',
  'new bsd license': 'BSD-3-Clause',
  'the new bsd license': 'BSD-3-Clause',
  'modified bsd license': 'BSD-3-Clause',
  'simplified bsd license': 'BSD-2-Clause',
  'bsd 3-clause': 'BSD-3-Clause',
  'bsd 2-clause': 'BSD-2-Clause',
  'bsd 3-clause license': 'BSD-3-Clause',
  'bsd 2-clause license': 'BSD-2-Clause',
  'python software foundation license': 'PSF-2.0',
  psf: 'PSF-2.0',
  psfl: 'PSF-2.0',
  'mozilla public license 2.0 (mpl 2.0)': 'MPL-2.0',
  'mpl 2.0': 'MPL-2.0',
  'mplv2.0': 'MPL-2.0',
  'isc license': 'ISC',
  'isc license (iscl)': 'ISC',
  zlib: 'Zlib',
  'zlib/libpng': 'Zlib',
  'public domain': 'LicenseRef-Public-Domain',
  'public-domain': 'LicenseRef-Public-Domain',
  unlicense: 'Unlicense',
  'the unlicense (unlicense)': 'Unlicense',
  'eclipse public license - v 1.0': 'EPL-1.0',
  'eclipse public license v2.0': 'EPL-2.0',
  'eclipse public license - v 2.0': 'EPL-2.0',
  'cddl + gplv2 with classpath exception': 'CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0',
  openssl: 'OpenSSL',
  artistic: 'Artistic-1.0',
  perl: 'Artistic-1.0-Perl OR GPL-1.0-or-later',
  'artistic 2.0': 'Artistic-2.0',
  boost: 'BSL-1.0',
  cc0: 'CC0-1.0',
  wtfpl: 'WTFPL',
};

/** GNU family names with an explicit version: GPLv2+, GPL-2+, LGPL-2.1, AGPLv3, GFDL-1.3+ … */
const GNU = /^(a|l)?gpl|^gfdl/i;
const GNU_VERSIONED =
  /^(agpl|lgpl|gpl|gfdl)\s*-?\s*v?\s*(\d)(?:\.(\d))?\s*(\+|-or-later|\s+or\s+later|-only)?$/i;

function gnu(term: string): string | undefined {
  const m = GNU_VERSIONED.exec(term);
  if (!m) return undefined;
  const fam = m[1]!.toUpperCase();
  const ver = `${m[2]}.${m[3] ?? '0'}`;
  const later = m[4] && m[4] !== '-only';
  const id = `${fam}-${ver}`;
  if (!byLower.has(`${id}-only`.toLowerCase()) && !byLower.has(id.toLowerCase())) return undefined;
  return `${id}-${later ? 'or-later' : 'only'}`;
}

function licenseRef(term: string): string {
  const cleaned = term.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `LicenseRef-${cleaned || 'unknown'}`;
}

/** One license name (no AND/OR) → an SPDX id or LicenseRef. */
export function normaliseLicenseName(raw: string): string {
  let term = raw
    .trim()
    .replace(/^\(+|\)+$/g, '')
    .trim();
  const classifier = /^License :: (?:OSI Approved :: )?(.+)$/.exec(term);
  if (classifier) term = classifier[1]!.trim();
  const lower = term.toLowerCase();
  if (!term) return 'LicenseRef-unknown';
  if (lower.startsWith('licenseref-')) return term;
  const alias = ALIASES[lower];
  if (alias) return alias;
  const exact = byLower.get(lower);
  if (exact) return modernise(exact);
  const g = gnu(term);
  if (g) return g;
  // "GPLv3+ with exceptions", "GPL-2+ with OpenSSL exception": keep the exact base, drop the rest to a ref
  if (GNU.test(term)) return licenseRef(term);
  const corrected = spdxCorrect(term, { upgrade: true });
  // only accept a correction that did not invent a version: the input must name the same digits
  if (
    corrected &&
    (!/\d/.test(corrected) || (digits(corrected).startsWith(digits(term)) && digits(term) !== ''))
  )
    return corrected;
  return licenseRef(term);
}

function digits(s: string): string {
  return s.replace(/[^0-9]/g, '').replace(/0+$/, '');
}

/** GPL-2.0+ style deprecated ids → their current form. */
function modernise(id: string): string {
  const plus = /^((?:A|L)?GPL-\d\.\d|GFDL-\d\.\d)(\+)?$/.exec(id);
  if (plus) return `${plus[1]}-${plus[2] ? 'or-later' : 'only'}`;
  return id;
}

/**
 * A declared license string → one SPDX expression. Accepts valid SPDX expressions as they are (after
 * canonical casing), and free text joined with and/or/&/|/, (Fedora "GPLv2+ and MIT", Debian
 * "GPL-2+ or Artistic", npm "(MIT OR Apache-2.0)").
 */
export function normaliseLicense(raw: string | undefined | null): string | undefined {
  if (raw == null) return undefined;
  const text = String(raw).replace(/\s+/g, ' ').trim();
  if (!text || /^(unknown|none|n\/a|unlicensed|see license( file)?|other)$/i.test(text)) return undefined;
  if (text.length > 512) return licenseRef(text.slice(0, 64));
  try {
    spdxParse(text);
    return rewrite(text);
  } catch {
    // not valid SPDX: fall through to the free-text path
  }
  return rewrite(text);
}

/** Splits on operators at any paren depth, normalising each name; keeps the operators' structure. */
function rewrite(text: string): string {
  const tokens = text.split(/(\(|\)|\s+and\s+|\s+or\s+|\s*&\s*|\s*\|\s*|\s*;\s*|\s*\/\s*(?=[A-Za-z]{3}))/i);
  const out: string[] = [];
  let names = 0;
  for (const t of tokens) {
    if (t === undefined || t === '') continue;
    const op = t.trim().toLowerCase();
    if (t === '(' || t === ')') out.push(t);
    else if (op === 'and' || op === '&' || op === ';') out.push(' AND ');
    else if (op === 'or' || op === '|' || op === '/') out.push(' OR ');
    else if (t.trim()) {
      const withExc = /^(.*?)\s+with\s+(.+)$/i.exec(t.trim());
      const exc = withExc && exceptionByLower.get(withExc[2]!.toLowerCase());
      if (withExc && exc) {
        out.push(`${normaliseLicenseName(withExc[1]!)} WITH ${exc}`);
      } else out.push(normaliseLicenseName(t));
      names++;
    }
  }
  const expr = out.join('').replace(/\s+/g, ' ').trim();
  // a "MIT/X11" style single name split on '/' would have produced an OR between refs: keep names whole
  if (names === 0) return licenseRef(text);
  try {
    spdxParse(expr);
    return expr;
  } catch {
    return licenseRef(text);
  }
}

/** Every license id named in an expression (for deny lists). */
export function licenseIds(expr: string): string[] {
  return [
    ...new Set(
      expr.match(/[A-Za-z0-9.+-]+(?:-[A-Za-z0-9.]+)*/g)?.filter((t) => !/^(AND|OR|WITH)$/.test(t)) ?? [],
    ),
  ];
}
