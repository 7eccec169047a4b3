// NuGet versions (learn.microsoft.com/nuget/concepts/package-versioning): Major.Minor[.Patch[.Revision]]
// [-prerelease][+metadata]; missing parts are 0, labels compare case-insensitively with SemVer 2 rules
// (numeric identifiers numerically, below alphanumeric ones), metadata is ignored. Version ranges use
// interval notation: `1.0` (≥ 1.0), `[1.0]`, `(,1.0]`, `[1.0,2.0)`.
import { compareDigits, invalidRequirement, invalidVersion, memo, type VersionScheme } from './scheme.js';

interface NuGetVersion {
  nums: string[];
  pre: string[];
}

export const parseNuGet: (v: string) => NuGetVersion | undefined = memo(parse);

function parse(v: string): NuGetVersion | undefined {
  const m = /^v?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    v.trim(),
  );
  if (!m) return undefined;
  const nums = m[1]!.split('.');
  while (nums.length < 4) nums.push('0');
  return { nums, pre: m[2] ? m[2].toLowerCase().split('.') : [] };
}

function cmp(x: NuGetVersion, y: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const d = compareDigits(x.nums[i]!, y.nums[i]!);
    if (d) return Math.sign(d);
  }
  if (!x.pre.length || !y.pre.length) return (x.pre.length ? -1 : 0) + (y.pre.length ? 1 : 0);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const a = x.pre[i];
    const b = y.pre[i];
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    const an = /^\d+$/.test(a);
    const bn = /^\d+$/.test(b);
    if (an && bn) {
      const d = compareDigits(a, b);
      if (d) return Math.sign(d);
    } else if (an !== bn) return an ? -1 : 1;
    else if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

function must(v: string): NuGetVersion {
  const p = parseNuGet(v);
  if (!p) throw invalidVersion('nuget', v);
  return p;
}

export const nuget: VersionScheme = {
  name: 'nuget',
  valid: (v) => parseNuGet(v) !== undefined,
  compare: (a, b) => cmp(must(a), must(b)),
  satisfies(version, requirement) {
    const v = must(version);
    const r = requirement.trim();
    const m = /^([[(])\s*([^,\])]*?)\s*(?:(,)\s*([^\])]*?)\s*)?([\])])$/.exec(r);
    if (!m) {
      const min = parseNuGet(r);
      if (!min) throw invalidRequirement('nuget', requirement);
      return cmp(v, min) >= 0;
    }
    const [, open, lo, comma, hi, close] = m;
    if (!comma) {
      // [1.0] is exact; (1.0) is meaningless
      const exact = parseNuGet(lo!);
      if (!exact || open !== '[' || close !== ']') throw invalidRequirement('nuget', requirement);
      return cmp(v, exact) === 0;
    }
    if (lo) {
      const l = parseNuGet(lo);
      if (!l) throw invalidRequirement('nuget', requirement);
      const c = cmp(v, l);
      if (open === '[' ? c < 0 : c <= 0) return false;
    }
    if (hi) {
      const h = parseNuGet(hi);
      if (!h) throw invalidRequirement('nuget', requirement);
      const c = cmp(v, h);
      if (close === ']' ? c > 0 : c >= 0) return false;
    }
    return true;
  },
};
