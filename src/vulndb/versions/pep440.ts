// PEP 440 versions and specifiers (packaging.python.org/en/latest/specifications/version-specifiers/):
// [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], with the spec's normalisations (alpha→a, c/pre/preview→rc,
// rev/r→post, implicit numbers, '-'/'_'/'.' separators). Order follows `packaging`'s sort key: dev
// releases of a release sort before its pre-releases, post-releases after it. No maintained npm library
// implements PEP 440 (the known port is abandoned), so it is here.
import {
  applyOp,
  compareDigits,
  invalidRequirement,
  invalidVersion,
  memo,
  type VersionScheme,
} from './scheme.js';

export interface Pep440 {
  epoch: string;
  release: string[];
  pre?: { l: 'a' | 'b' | 'rc'; n: string };
  post?: string;
  dev?: string;
  local?: (string | number)[];
}

const RE = new RegExp(
  '^v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)' +
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?' +
    '(?:(?:-(\\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\\d+)?))?' +
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' +
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
);

export const parsePep440: (v: string) => Pep440 | undefined = memo(parse);

function parse(v: string): Pep440 | undefined {
  const m = RE.exec(v.trim().toLowerCase());
  if (!m) return undefined;
  const [, epoch = '0', rel, preL, preN, postImplicit, postL, postN, devL, devN, local] = m;
  const out: Pep440 = { epoch, release: rel!.split('.') };
  if (preL) {
    const l = preL === 'alpha' || preL === 'a' ? 'a' : preL === 'beta' || preL === 'b' ? 'b' : 'rc';
    out.pre = { l, n: preN ?? '0' };
  }
  if (postImplicit !== undefined) out.post = postImplicit;
  else if (postL) out.post = postN ?? '0';
  if (devL) out.dev = devN ?? '0';
  if (local) out.local = local.split(/[-_.]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return out;
}

const PRE_RANK = { a: 0, b: 1, rc: 2 } as const;

function cmpRelease(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (d) return d;
  }
  return 0;
}

// packaging's _cmpkey: (epoch, release, pre, post, dev, local) with -inf/+inf sentinels
function cmpParsed(x: Pep440, y: Pep440, ignoreLocal = false): number {
  let d = compareDigits(x.epoch, y.epoch) || cmpRelease(x.release, y.release);
  if (d) return d;
  // pre: a dev-only release sorts before any pre-release; no pre (and not dev-only) sorts after all
  const preKey = (v: Pep440): [number, string] =>
    v.pre ? [PRE_RANK[v.pre.l], v.pre.n] : v.post === undefined && v.dev !== undefined ? [-1, '0'] : [3, '0'];
  const [pa, pn] = preKey(x);
  const [pb, qn] = preKey(y);
  d = pa - pb || compareDigits(pn, qn);
  if (d) return d;
  // post: none sorts before any
  d = (x.post === undefined ? -1 : 0) - (y.post === undefined ? -1 : 0);
  if (d) return d;
  if (x.post !== undefined && y.post !== undefined) d = compareDigits(x.post, y.post);
  if (d) return d;
  // dev: none sorts after any
  d = (x.dev === undefined ? 1 : 0) - (y.dev === undefined ? 1 : 0);
  if (d) return d;
  if (x.dev !== undefined && y.dev !== undefined) d = compareDigits(x.dev, y.dev);
  if (d || ignoreLocal) return d;
  return cmpLocal(x.local, y.local);
}

function cmpLocal(a: (string | number)[] | undefined, b: (string | number)[] | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = a[i];
    const q = b[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (typeof p !== typeof q) return typeof p === 'number' ? 1 : -1; // numbers sort after strings
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

function must(v: string): Pep440 {
  const p = parsePep440(v);
  if (!p) throw invalidVersion('PEP 440', v);
  return p;
}

export function comparePep440(a: string, b: string): number {
  return Math.sign(cmpParsed(must(a), must(b)));
}

const isPre = (v: Pep440) => v.pre !== undefined || v.dev !== undefined;

function matchSpec(v: Pep440, raw: string, spec: string): boolean {
  const m = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/.exec(spec.trim());
  if (!m) throw invalidRequirement('PEP 440', spec);
  const op = m[1]!;
  const target = m[2]!;
  if (op === '===') return raw.trim().toLowerCase() === target.toLowerCase();
  if ((op === '==' || op === '!=') && target.endsWith('.*')) {
    // prefix match on the release segment (and epoch); local labels ignored
    const p = parsePep440(target.slice(0, -2));
    if (!p) throw invalidRequirement('PEP 440', spec);
    const prefix = p.release;
    const rel = [...v.release];
    while (rel.length < prefix.length) rel.push('0');
    const hit =
      compareDigits(v.epoch, p.epoch) === 0 && prefix.every((n, i) => compareDigits(n, rel[i]!) === 0);
    return op === '==' ? hit : !hit;
  }
  const t = parsePep440(target);
  if (!t) throw invalidRequirement('PEP 440', spec);
  if (op === '~=') {
    if (t.release.length < 2) throw invalidRequirement('PEP 440', spec);
    const prefix = t.release.slice(0, -1);
    const rel = [...v.release];
    while (rel.length < prefix.length) rel.push('0');
    return cmpParsed(v, t) >= 0 && prefix.every((n, i) => compareDigits(n, rel[i]!) === 0);
  }
  // == and != without a local label in the spec ignore the candidate's local label
  const c = cmpParsed(v, t, (op === '==' || op === '!=') && !t.local);
  if (op === '<') {
    // `<V` does not admit pre-releases of V unless V itself is one
    if (!(c < 0)) return false;
    if (!isPre(t) && isPre(v) && cmpRelease(v.release, t.release) === 0 && v.epoch === t.epoch) return false;
    return true;
  }
  if (op === '>') {
    // `>V` does not admit post-releases of V unless V itself is one, nor local versions of V
    if (!(c > 0)) return false;
    if (t.post === undefined && v.post !== undefined && cmpRelease(v.release, t.release) === 0) return false;
    if (cmpParsed(v, t, true) === 0) return false;
    return true;
  }
  return applyOp(op as '==' | '!=' | '<=' | '>=', c);
}

export const pep440: VersionScheme = {
  name: 'pep440',
  valid: (v) => parsePep440(v) !== undefined,
  compare: comparePep440,
  /** a comma-separated specifier set: all must hold */
  satisfies(version, requirement) {
    const v = must(version);
    const specs = requirement
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!specs.length) throw invalidRequirement('PEP 440', requirement);
    return specs.every((s) => matchSpec(v, version, s));
  },
};
