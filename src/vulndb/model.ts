// The normalised advisory that every importer produces and the store keeps. One shape for all sources:
// language advisories carry OSV-style ranges, explicit versions or native requirement strings; distro
// advisories carry per-release statuses keyed by source package.
import type { Ecosystem, Severity } from '../core/types.js';

/** OSV range events (ossf.github.io/osv-schema/#affectedrangesevents-fields), in the ecosystem's order. */
export type RangeEvent =
  { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface AffectedPackage {
  ecosystem: Ecosystem;
  /** normalised with normalizeName(ecosystem, name) */
  name: string;
  /** OSV ECOSYSTEM/SEMVER ranges; GIT ranges are dropped at import (no version order) */
  ranges?: RangeEvent[][];
  /** explicit affected versions (OSV `versions[]`) */
  versions?: string[];
  /**
   * Requirements in the ecosystem's own syntax (RubySec, RustSec, Node.js security-wg): affected when
   * `vulnerable` (if given) holds and none of `patched`/`unaffected` holds.
   */
  requirements?: { vulnerable?: string[]; patched?: string[]; unaffected?: string[] };
}

export type DistroStatus = 'fixed' | 'affected' | 'not_affected' | 'will_not_fix';

export interface DistroEntry {
  /** 'debian' | 'ubuntu' | 'alpine' */
  distro: string;
  /** Debian: codename (bookworm); Ubuntu: version (22.04); Alpine: branch (3.18) */
  release: string;
  /** source package (Debian), origin (Alpine) */
  package: string;
  status: DistroStatus;
  fixedVersion?: string;
  /** the vendor's own rating (Debian urgency), already mapped */
  severity?: Severity;
}

export interface CvssVector {
  vector: string;
  /** who assigned it: 'nvd', 'ghsa', 'rustsec'… */
  source?: string;
}

export interface Advisory {
  id: string;
  /** the importer's source name (sources table) */
  source: string;
  aliases: string[];
  published?: string;
  modified?: string;
  /** set when the publisher withdrew it; withdrawn advisories never match */
  withdrawn?: string;
  summary?: string;
  details?: string;
  /** the publisher's own rating (GHSA database_specific.severity, Node.js core severity) */
  severity?: { level: Severity; source: string };
  cvss?: CvssVector[];
  /** CVSS base scores given without a vector (RubySec cvss_v3: 7.5) */
  cvssScores?: { version: string; score: number }[];
  references?: string[];
  affected: AffectedPackage[];
  distro?: DistroEntry[];
}

export interface KevEntry {
  cve: string;
  dateAdded: string;
  ransomware: boolean;
}

/** Debian's binary → source map per release (for packages whose status entry lacks Source:). */
export interface DebBinary {
  release: string;
  binary: string;
  version: string;
  source: string;
  sourceVersion: string;
}

export function toSeverity(s: string | undefined): Severity | undefined {
  switch (s?.toLowerCase().trim()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
    case 'negligible':
    case 'unimportant':
      return 'low';
    default:
      return undefined;
  }
}
