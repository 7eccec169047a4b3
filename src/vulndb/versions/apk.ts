// Alpine apk version ordering, as apk-tools' version.c: digits{.digits}[letter]{_suffix[N]}[~hash][-rN].
// Pre-release suffixes (_alpha _beta _pre _rc) sort below the bare version, post-release ones (_cvs _svn
// _git _hg _p) above it. Components after the first that start with '0' compare as strings (apk treats
// them as fractions: 1.01 < 1.1). Written here: no maintained npm port of apk-tools' order exists.
import { compareDigits, invalidVersion, memo, type VersionScheme } from './scheme.js';

const PRE = ['alpha', 'beta', 'pre', 'rc'];
const POST = ['cvs', 'svn', 'git', 'hg', 'p'];
// token kinds in apk-tools order; a version that runs into a later kind first is the lower one
const enum T {
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNo = 4,
  Hash = 5,
  Revision = 6,
  End = 7,
}
type Token = { t: T; v: string; first?: boolean };

const APK_RE =
  /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(~[0-9a-f]+)?(?:-r(\d+))?$/;

export const tokenizeApk: (v: string) => Token[] | undefined = memo(tokenize);

function tokenize(v: string): Token[] | undefined {
  const m = APK_RE.exec(v.trim());
  if (!m) return undefined;
  const out: Token[] = [];
  m[1]!.split('.').forEach((d, i) => out.push({ t: T.Digit, v: d, first: i === 0 }));
  if (m[2]) out.push({ t: T.Letter, v: m[2] });
  for (const s of m[3]!.split('_').slice(1)) {
    const sm = /^([a-z]+)(\d*)$/.exec(s)!;
    out.push({ t: T.Suffix, v: sm[1]! });
    if (sm[2]) out.push({ t: T.SuffixNo, v: sm[2] });
  }
  if (m[4]) out.push({ t: T.Hash, v: m[4].slice(1) });
  if (m[5] !== undefined) out.push({ t: T.Revision, v: m[5] });
  out.push({ t: T.End, v: '' });
  return out;
}

function suffixRank(s: string): number {
  const p = PRE.indexOf(s);
  return p >= 0 ? p - PRE.length : POST.indexOf(s) + 1;
}

export function compareApk(a: string, b: string): number {
  const x = tokenizeApk(a);
  if (!x) throw invalidVersion('apk', a);
  const y = tokenizeApk(b);
  if (!y) throw invalidVersion('apk', b);
  for (let i = 0; ; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p.t === T.End && q.t === T.End) return 0;
    if (p.t !== q.t) {
      // the one that goes on is newer, except when it goes on with a pre-release suffix
      if (p.t === T.Suffix && suffixRank(p.v) < 0) return -1;
      if (q.t === T.Suffix && suffixRank(q.v) < 0) return 1;
      return p.t > q.t ? -1 : 1;
    }
    let d: number;
    switch (p.t) {
      case T.Digit:
        d =
          !p.first && (p.v.startsWith('0') || q.v.startsWith('0'))
            ? p.v < q.v
              ? -1
              : p.v > q.v
                ? 1
                : 0
            : compareDigits(p.v, q.v);
        break;
      case T.Suffix:
        d = suffixRank(p.v) - suffixRank(q.v);
        break;
      case T.Letter:
      case T.Hash:
        d = p.v < q.v ? -1 : p.v > q.v ? 1 : 0;
        break;
      default:
        d = compareDigits(p.v, q.v);
    }
    if (d) return d < 0 ? -1 : 1;
  }
}

export const apk: VersionScheme = {
  name: 'apk',
  valid: (v) => tokenizeApk(v) !== undefined,
  compare: compareApk,
};
