// Composer (Packagist) versions as composer/semver's VersionParser normalises them: up to four numeric
// parts (padded with 0), an optional stability suffix (dev < alpha < beta < RC < stable < patch/pl/p)
// with an optional number; 'v' prefixes and '-'/'.'/'_' separators are accepted. Branch versions
// (dev-main, 1.x-dev) have no place in an order and are reported as unparsable.
import { compareDigits, invalidVersion, memo, type VersionScheme } from './scheme.js';

const STAB: Record<string, number> = {
  dev: 0,
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  rc: 3,
  stable: 4,
  patch: 5,
  pl: 5,
  p: 5,
};

interface ComposerVersion {
  nums: string[];
  stability: number;
  n: string;
}

export const parseComposer: (v: string) => ComposerVersion | undefined = memo(parse);

function parse(v: string): ComposerVersion | undefined {
  const m =
    /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:[._-]?(stable|beta|b|rc|alpha|a|patch|pl|p|dev)(?:[.-]?(\d+))?)?(?:\+[0-9A-Za-z.-]+)?$/i.exec(
      v.trim(),
    );
  if (!m) return undefined;
  const nums = [m[1]!, m[2] ?? '0', m[3] ?? '0', m[4] ?? '0'];
  const s = m[5]?.toLowerCase();
  return { nums, stability: s ? STAB[s]! : STAB.stable!, n: m[6] ?? '0' };
}

function must(v: string): ComposerVersion {
  const p = parseComposer(v);
  if (!p) throw invalidVersion('composer', v);
  return p;
}

export const composer: VersionScheme = {
  name: 'composer',
  valid: (v) => parseComposer(v) !== undefined,
  compare(a, b) {
    const x = must(a);
    const y = must(b);
    for (let i = 0; i < 4; i++) {
      const d = compareDigits(x.nums[i]!, y.nums[i]!);
      if (d) return Math.sign(d);
    }
    return Math.sign(x.stability - y.stability || compareDigits(x.n, y.n));
  },
};
