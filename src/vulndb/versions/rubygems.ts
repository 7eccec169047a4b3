// RubyGems versions and requirements (Gem::Version, Gem::Requirement): segments are numbers or letter
// runs; any letter makes the version a pre-release, which sorts before the release; trailing zero
// segments do not count (1.0 == 1). Requirements: =, !=, >, <, >=, <=, and the pessimistic `~> 1.2.3`
// (>= 1.2.3, < 1.3). RubySec's patched/unaffected lists use this syntax; a string may join several
// comparators with ',' (all must hold).
import { applyOp, invalidRequirement, invalidVersion, memo, type VersionScheme } from './scheme.js';

type Seg = string | bigint;
const VALID = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const segments: (v: string) => Seg[] | undefined = memo(parseSegments);

function parseSegments(v: string): Seg[] | undefined {
  const s = v.trim();
  if (!VALID.test(s)) return undefined;
  const norm = s.replace(/-/g, '.pre.');
  return (norm.match(/[0-9]+|[a-z]+/gi) ?? []).map((p) => (/^\d/.test(p) ? BigInt(p) : p));
}

const canonicalCache = new WeakMap<Seg[], Seg[]>();

function canonical(segs: Seg[]): Seg[] {
  let c = canonicalCache.get(segs);
  if (!c) canonicalCache.set(segs, (c = canonicalOf(segs)));
  return c;
}

function canonicalOf(segs: Seg[]): Seg[] {
  const firstStr = segs.findIndex((s) => typeof s === 'string');
  const release = firstStr < 0 ? segs : segs.slice(0, firstStr);
  const pre = firstStr < 0 ? [] : segs.slice(firstStr);
  const trim = (xs: Seg[]) => {
    const out = [...xs];
    while (out.length && out[out.length - 1] === 0n) out.pop();
    return out;
  };
  return [...trim(release), ...trim(pre)];
}

function cmpSegs(a: Seg[], b: Seg[]): number {
  const x = canonical(a);
  const y = canonical(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? 0n;
    const r = y[i] ?? 0n;
    if (l === r) continue;
    if (typeof l === 'string' && typeof r !== 'string') return -1;
    if (typeof l !== 'string' && typeof r === 'string') return 1;
    return l < r ? -1 : 1;
  }
  return 0;
}

function must(v: string): Seg[] {
  const s = segments(v);
  if (!s) throw invalidVersion('rubygems', v);
  return s;
}

/** Gem::Version#bump: drop pre-release parts and the last segment, then increment the new last. */
function bump(segs: Seg[]): Seg[] {
  const firstStr = segs.findIndex((s) => typeof s === 'string');
  const nums = (firstStr < 0 ? segs : segs.slice(0, firstStr)) as bigint[];
  const out = nums.length > 1 ? nums.slice(0, -1) : [...nums];
  out[out.length - 1] = out[out.length - 1]! + 1n;
  return out;
}

function matchOne(v: Seg[], req: string): boolean {
  const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/.exec(req);
  if (!m) throw invalidRequirement('rubygems', req);
  const op = m[1] ?? '=';
  const t = segments(m[2]!);
  if (!t) throw invalidRequirement('rubygems', req);
  const c = cmpSegs(v, t);
  if (op === '~>') return c >= 0 && cmpSegs(v, bump(t)) < 0;
  return applyOp(op as '=', c);
}

export const rubygems: VersionScheme = {
  name: 'rubygems',
  valid: (v) => segments(v) !== undefined,
  compare: (a, b) => cmpSegs(must(a), must(b)),
  satisfies(version, requirement) {
    const v = must(version);
    const parts = requirement.split(',').filter((p) => p.trim());
    if (!parts.length) throw invalidRequirement('rubygems', requirement);
    return parts.every((p) => matchOne(v, p));
  },
};
