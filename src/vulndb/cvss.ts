// CVSS v2, v3.0, v3.1 and v4.0 base scores through ae-cvss-calculator ({metæffekt}, Apache-2.0, no
// dependencies, ships types, maintained, implements all four FIRST specifications including the v4.0
// macro-vector lookup). The other npm candidates either stop at v3.1 (cvss, @turingpointde/cvss.js) or
// are unmaintained (@pandatix/js-cvss, last release 2024). Scores are cached per vector: advisories
// repeat the same few thousand vectors.
import cvssLib from 'ae-cvss-calculator';
import type { Severity } from '../core/types.js';

export interface CvssScore {
  version: '2.0' | '3.0' | '3.1' | '4.0';
  vector: string;
  score: number;
}

const cache = new Map<string, CvssScore | null>();

export function cvssVersionOf(vector: string): CvssScore['version'] | undefined {
  const v = vector.trim();
  if (v.startsWith('CVSS:3.1/')) return '3.1';
  if (v.startsWith('CVSS:3.0/')) return '3.0';
  if (v.startsWith('CVSS:4.0/')) return '4.0';
  if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(v)) return '2.0';
  return undefined;
}

// the base metrics each version requires, with their allowed values; the library scores an incomplete
// vector as 0 rather than rejecting it
const BASE: Record<CvssScore['version'], Record<string, string>> = {
  '2.0': { AV: 'LAN', AC: 'HML', Au: 'MSN', C: 'NPC', I: 'NPC', A: 'NPC' },
  '3.0': { AV: 'NALP', AC: 'LH', PR: 'NLH', UI: 'NR', S: 'UC', C: 'HLN', I: 'HLN', A: 'HLN' },
  '3.1': { AV: 'NALP', AC: 'LH', PR: 'NLH', UI: 'NR', S: 'UC', C: 'HLN', I: 'HLN', A: 'HLN' },
  '4.0': {
    AV: 'NALP',
    AC: 'LH',
    AT: 'NP',
    PR: 'NLH',
    UI: 'NPA',
    VC: 'HLN',
    VI: 'HLN',
    VA: 'HLN',
    SC: 'HLN',
    SI: 'HLN',
    SA: 'HLN',
  },
};

function hasBaseMetrics(vector: string, version: CvssScore['version']): boolean {
  const parts = new Map<string, string>();
  for (const p of vector.split('/')) {
    const [k, v, extra] = p.split(':');
    if (k === undefined || v === undefined || extra !== undefined || parts.has(k)) return false;
    parts.set(k, v);
  }
  return Object.entries(BASE[version]).every(([k, allowed]) => {
    const v = parts.get(k);
    return v !== undefined && v.length === 1 && allowed.includes(v);
  });
}

/** Scores a vector; undefined when it is not a well-formed CVSS vector of a known version. */
export function scoreCvss(vector: string): CvssScore | undefined {
  const key = vector.trim().replace(/^\((.*)\)$/, '$1');
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const version = cvssVersionOf(key);
  let out: CvssScore | null = null;
  if (version && hasBaseMetrics(key.replace(/^CVSS:\d\.\d\//, ''), version)) {
    try {
      const Ctor =
        version === '2.0'
          ? cvssLib.Cvss2
          : version === '3.0'
            ? cvssLib.Cvss3P0
            : version === '3.1'
              ? cvssLib.Cvss3P1
              : cvssLib.Cvss4P0;
      const r = new Ctor(key).calculateScores();
      const base = typeof r.base === 'number' ? r.base : Number(r.overall);
      if (Number.isFinite(base)) out = { version, vector: key, score: base };
    } catch {
      out = null;
    }
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(key, out);
  return out ?? undefined;
}

/** Qualitative rating of a base score (v3/v4 table; v2 has no "critical", NVD rates ≥ 7 high). */
export function cvssSeverity(score: number, version: string): Severity {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown';
}
