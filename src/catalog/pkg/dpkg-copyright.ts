// Licenses of Debian packages: usr/share/doc/<package>/copyright. dpkg's database has no license
// field; the copyright file is where Debian states it.
//
// Machine-readable files (DEP-5, https://dep-team.pages.debian.net/deps/dep5/ — a `Format:` field in
// the header paragraph) give exact short names: the `License:` field of the header and of every
// `Files:` paragraph, except paragraphs about `debian/*` only (the packaging scripts, which the binary
// package does not ship). Short names are DEP-5's ("GPL-2+", "Expat", "BSD-3-clause"); `,` has lower
// precedence than `and`/`or` ("GPL-2+ or Artistic, and BSD-3-clause").
//
// Free-text files (a fifth of Debian's: glibc, gcc, python3, gnutls, krb5 …) get a bounded heuristic:
// Debian Policy §12.5 requires them to point at the license texts in /usr/share/common-licenses/, so
// each reference to a text there is a license the package uses. For the GNU texts the prose just
// before the reference (back to the previous reference, at most 2,000 characters: the license notice
// the reference closes) decides "or later" ("any later version", "(or later)", "2+") and, for the
// unversioned names (GPL, LGPL, GFDL are links to the newest version), the version: the last "version
// N[.M]" there. A GNU reference whose notice names no version is skipped. Nothing else in free text
// is read: files without such references (python3's) get no license.
//
// Doc directories may be symlinks to another package's of the same source (libstdc++6 → gcc-12-base),
// so symlinks directly under usr/share/doc are recorded too; the `deb-licenses` stage resolves them.
import { posix } from 'node:path';
import type { Analyzer, FileResult } from '../analyzer.js';
import type { Package } from '../../core/types.js';
import { normaliseLicense } from '../license.js';
import { parseDeb822, type Paragraph } from './deb822.js';

const DOC = 'usr/share/doc/';
/** the heuristic and the DEP-5 parser read at most this much of a copyright file */
const READ_LIMIT = 1024 * 1024;
const WINDOW = 2000;

export type CopyrightData =
  { doc: string; format: 'dep5' | 'free-text'; licenses: string[] } | { doc: string; link: string };

function field(p: Paragraph, name: string): string | undefined {
  for (const k of Object.keys(p)) if (k.toLowerCase() === name) return p[k];
  return undefined;
}

/** DEP-5 "with <keyword> exception" keywords → SPDX exception ids (by the GPL major version). */
const EXCEPTIONS: Record<string, (major: string) => string | undefined> = {
  bison: () => 'Bison-exception-2.2',
  autoconf: (v) => (v === '3' ? 'Autoconf-exception-3.0' : v === '2' ? 'Autoconf-exception-2.0' : undefined),
  classpath: () => 'Classpath-exception-2.0',
  font: () => 'Font-exception-2.0',
  gcc: (v) => (v === '3' ? 'GCC-exception-3.1' : v === '2' ? 'GCC-exception-2.0' : undefined),
  libtool: () => 'Libtool-exception',
};

function dep5Term(term: string): string | undefined {
  const m = /^(.+?)\s+with\s+(\S+)\s+exception$/i.exec(term);
  if (m) {
    const base = normaliseLicense(m[1]!);
    const major = base && /^(?:A|L)?GPL-(\d)\.\d-(?:only|or-later)$/.exec(base)?.[1];
    const exc = major ? EXCEPTIONS[m[2]!.toLowerCase()]?.(major) : undefined;
    if (exc) return `${base} WITH ${exc}`;
  }
  return normaliseLicense(term);
}

/** A DEP-5 License short name (first line of the field) → SPDX expression. */
export function dep5License(short: string): string | undefined {
  const parts = short
    .split(/\s*,\s*(?:and\s+)?/i)
    .map((s) => s.trim())
    .filter(Boolean);
  const exprs = parts.map(dep5Term).filter((e): e is string => !!e);
  if (exprs.length <= 1) return exprs[0];
  return exprs.map((e) => (/ OR /.test(e) ? `(${e})` : e)).join(' AND ');
}

function isMachineReadable(paragraphs: Paragraph[]): boolean {
  const h = paragraphs[0];
  return !!h && (field(h, 'format') !== undefined || field(h, 'format-specification') !== undefined);
}

function dep5Licenses(paragraphs: Paragraph[]): string[] {
  const out = new Set<string>();
  paragraphs.forEach((p, i) => {
    const lic = field(p, 'license');
    if (lic === undefined) return;
    const files = field(p, 'files');
    // a stand-alone License paragraph holds the text of a license named elsewhere
    if (i > 0 && files === undefined) return;
    if (files !== undefined) {
      const patterns = files.split(/\s+/).filter(Boolean);
      if (patterns.length && patterns.every((f) => /^(\.\/)?debian\//.test(f))) return;
    }
    const short = lic.split('\n')[0]!.trim();
    const expr = short ? dep5License(short) : undefined;
    if (expr) out.add(expr);
  });
  return [...out];
}

/** /usr/share/common-licenses/<name> → SPDX id; GNU texts take the or-later decision from the prose. */
const COMMON: Record<string, (later: boolean) => string> = {
  'GPL-1': (l) => (l ? 'GPL-1.0-or-later' : 'GPL-1.0-only'),
  'GPL-2': (l) => (l ? 'GPL-2.0-or-later' : 'GPL-2.0-only'),
  'GPL-3': (l) => (l ? 'GPL-3.0-or-later' : 'GPL-3.0-only'),
  'LGPL-2': (l) => (l ? 'LGPL-2.0-or-later' : 'LGPL-2.0-only'),
  'LGPL-2.1': (l) => (l ? 'LGPL-2.1-or-later' : 'LGPL-2.1-only'),
  'LGPL-3': (l) => (l ? 'LGPL-3.0-or-later' : 'LGPL-3.0-only'),
  'GFDL-1.2': (l) => (l ? 'GFDL-1.2-or-later' : 'GFDL-1.2-only'),
  'GFDL-1.3': (l) => (l ? 'GFDL-1.3-or-later' : 'GFDL-1.3-only'),
  'Apache-2.0': () => 'Apache-2.0',
  'MPL-1.1': () => 'MPL-1.1',
  'MPL-2.0': () => 'MPL-2.0',
  'CC0-1.0': () => 'CC0-1.0',
  // the text Debian ships as "Artistic" is Perl's
  Artistic: () => 'Artistic-1.0-Perl',
  // the Regents of the University of California text, without the advertising clause
  BSD: () => 'BSD-3-Clause',
};

const LATER = /any\s+later\s+version|\bor\s+later\b|\(or\s+later\)|\bv?\d(?:\.\d)?\+/i;

const UNVERSIONED: Record<string, string> = { GPL: 'GPL', LGPL: 'LGPL', GFDL: 'GFDL' };

/** "GPL" + a notice saying "version 2 of the License" → "GPL-2" (a COMMON key), else undefined */
function versionFromNotice(family: string, notice: string): string | undefined {
  const versions = [...notice.matchAll(/\bversion\s+(\d)(?:\.(\d))?\b/gi)];
  const last = versions[versions.length - 1];
  if (!last) return undefined;
  const v = last[2] !== undefined && last[2] !== '0' ? `${last[1]}.${last[2]}` : last[1]!;
  const name = `${family}-${v}`;
  return COMMON[name] ? name : undefined;
}

export function freeTextLicenses(text: string): string[] {
  const out = new Set<string>();
  const re = /\/usr\/share\/common-licenses\/([A-Za-z0-9][A-Za-z0-9.+_-]*)/g;
  let prevEnd = 0;
  for (const m of text.matchAll(re)) {
    let name: string | undefined = m[1]!.replace(/\.+$/, '');
    const at = m.index;
    const notice = text.slice(Math.max(prevEnd, at - WINDOW), at);
    prevEnd = at + m[0].length;
    const family = UNVERSIONED[name];
    if (family) name = versionFromNotice(family, notice);
    const map = name === undefined ? undefined : COMMON[name];
    if (map) out.add(map(LATER.test(notice)));
  }
  return [...out];
}

export function parseCopyright(text: string): { format: 'dep5' | 'free-text'; licenses: string[] } {
  const bounded = text.length > READ_LIMIT ? text.slice(0, READ_LIMIT) : text;
  const paragraphs = parseDeb822(bounded.replace(/\r\n/g, '\n'));
  if (isMachineReadable(paragraphs)) return { format: 'dep5', licenses: dep5Licenses(paragraphs) };
  return { format: 'free-text', licenses: freeTextLicenses(bounded) };
}

/** usr/share/doc/<x> symlink target → <y> when it points at a sibling doc directory */
function docLinkTarget(path: string, linkname: string): string | undefined {
  const abs = linkname.startsWith('/')
    ? posix.normalize(linkname).replace(/^\/+/, '')
    : posix.normalize(posix.join(posix.dirname(path), linkname));
  const rest = abs.startsWith(DOC) ? abs.slice(DOC.length).replace(/\/+$/, '') : '';
  return rest && !rest.includes('/') ? rest : undefined;
}

export const dpkgCopyright = {
  id: 'dpkg-copyright',
  version: 1,
  maxSize: 4 * 1024 * 1024,
  required: (path, info) => {
    if (!path.startsWith(DOC)) return false;
    const slash = path.indexOf('/', DOC.length);
    if (slash < 0) return info.type === 'symlink';
    return (
      path.length === slash + '/copyright'.length &&
      path.endsWith('/copyright') &&
      (info.type === 'file' || info.type === 'hardlink')
    );
  },
  async analyze({ path, info, read }) {
    if (info.type === 'symlink') {
      const link = info.linkname === undefined ? undefined : docLinkTarget(path, info.linkname);
      return link ? { data: { doc: path.slice(DOC.length), link } satisfies CopyrightData } : undefined;
    }
    const doc = path.slice(DOC.length, -'/copyright'.length);
    const { format, licenses } = parseCopyright((await read()).toString('utf8'));
    return { data: { doc, format, licenses } satisfies CopyrightData };
  },
} as const satisfies Analyzer;

/**
 * Sets `licenses` of deb packages from the visible copyright files (results of `dpkgCopyright`),
 * following doc-directory symlinks. Packages that already carry licenses keep them.
 */
export function attachDebLicenses(packages: Package[], results: readonly FileResult[]): void {
  const files = new Map<string, { format: string; licenses: string[] }>();
  const links = new Map<string, string>();
  for (const r of results) {
    if (r.hiddenInLayer !== undefined) continue;
    const d = r.result.data as CopyrightData | undefined;
    if (!d) continue;
    if ('link' in d) links.set(d.doc, d.link);
    else files.set(d.doc, d);
  }
  if (files.size === 0) return;
  for (const p of packages) {
    if (p.ecosystem !== 'deb' || p.licenses?.length) continue;
    let doc = p.name;
    for (let hops = 0; !files.has(doc) && links.has(doc) && hops < 8; hops++) doc = links.get(doc)!;
    const c = files.get(doc);
    if (!c) continue;
    if (c.licenses.length) p.licenses = [...c.licenses];
    p.metadata = { ...(p.metadata ?? {}), copyright: { path: `${DOC}${doc}/copyright`, format: c.format } };
  }
}
