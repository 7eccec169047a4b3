// Package → advisory matching. The public entry point of the match stage:
//
//   matchPackages(packages, os, store, options) → { findings, warnings }
//
// OS packages match the distribution's own data by SOURCE package and release (Debian/Ubuntu by
// codename/version, Alpine by origin and major.minor branch); language packages by (ecosystem, normalised
// name) against OSV ranges, version lists and native requirements; a Go binary's `stdlib` package by its
// toolchain version. No CPE or fuzzy name matching: a package without exact ecosystem data has no
// findings. A version that its scheme cannot parse never passes silently: each candidate advisory is
// reported with status "unknown" and a warning says why.
import { debianCodename } from '../core/distro.js';
import { errorMessage } from '../core/errors.js';
import type { OSInfo, Package, VulnerabilityFinding, Warning } from '../core/types.js';
import { assembleDetails, type VulnDetails } from '../vulndb/details.js';
import type { Candidates, DistroCandidate, LangCandidate } from '../vulndb/match-index.js';
import { normalizeName } from '../vulndb/names.js';
import type { AdvisoryRow, VulnStore } from '../vulndb/store.js';
import { apk } from '../vulndb/versions/apk.js';
import { dpkg } from '../vulndb/versions/dpkg.js';
import { schemeFor, type VersionScheme } from '../vulndb/versions/index.js';
import { findingTemplate, groupMatches, instantiate, type FindingTemplate, type Match } from './finding.js';
import { evaluate } from './ranges.js';

type Group = { ids: string[]; matches: Match[] };

export interface MatchOptions {
  /** drop findings that have no fix (status affected without fixed versions, will_not_fix) */
  ignoreUnfixed?: boolean;
}

export interface MatchResult {
  findings: VulnerabilityFinding[];
  warnings: Warning[];
}

const LANG = new Set(['npm', 'pypi', 'golang', 'maven', 'gem', 'cargo', 'composer', 'nuget', 'generic']);

export function matchPackages(
  packages: Package[],
  os: OSInfo | undefined,
  store: VulnStore,
  options: MatchOptions = {},
): MatchResult {
  const m = new Matcher(store, os, options);
  // a language package whose files an OS package installed is matched as that OS package, once
  const own = packages.filter((p) => !p.ownedBy);
  m.prefetch(own);
  for (const p of own) {
    try {
      m.match(p);
    } catch (e) {
      m.fail(p, e);
    }
  }
  m.finish();
  return { findings: m.findings, warnings: m.warnings };
}

interface DistroTarget {
  distro: string;
  release: string;
  scheme: VersionScheme;
}

/** The outcome for one (name, version): shared by every package with that identity (binaries of one
 * source at one version, the same library at the same version in several places). */
interface Verdict {
  matches: Match[];
  /** data sources of all candidates (not only matched ones), joined */
  dataSource: string;
  /** the installed version does not parse */
  invalid: boolean;
  /** advisories whose ranges could not be evaluated, with the reason */
  errors: { id: string; reason: string }[];
}

interface Pending {
  p: Package;
  verdict: Verdict;
}

// Matching runs in phases so that the database is read a handful of times per scan, not per package,
// and so that work is done once per distinct thing, not per package: read every candidate list (one
// indexed read per ecosystem/release, see vulndb/match-index.ts), evaluate each distinct (name,
// version) once in memory with each version string parsed once (the schemes memoise), group, read
// details of the distinct groups, then build findings from templates shared by every package with the
// same verdict.
class Matcher {
  findings: VulnerabilityFinding[] = [];
  warnings: Warning[] = [];
  private pending: Pending[] = [];
  private langRows = new Map<string, Map<string, Candidates<LangCandidate>>>();
  private distroRows = new Map<string, Candidates<DistroCandidate>>();
  private debSources = new Map<string, string>();
  private verdicts = new Map<string, Verdict>();
  private detailsCache = new Map<string, VulnDetails>();
  private groupCache = new Map<Match[], Group[]>();
  private distroTarget: DistroTarget | undefined;
  private distroChecked = false;

  constructor(
    private store: VulnStore,
    private os: OSInfo | undefined,
    private options: MatchOptions,
  ) {}

  prefetch(packages: Package[]): void {
    const lang = new Map<string, Set<string>>();
    const sources = new Set<string>();
    const unnamed = new Set<string>();
    for (const p of packages) {
      if (LANG.has(p.ecosystem)) {
        let names = lang.get(p.ecosystem);
        if (!names) lang.set(p.ecosystem, (names = new Set()));
        names.add(normalizeName(p.ecosystem, p.name));
      } else if (p.ecosystem === 'deb' || p.ecosystem === 'apk') {
        const t = this.target(p);
        if (!t) continue;
        // dpkg writes no Source: when it equals the binary name; a stripped status file may lack it too
        if (!p.source?.name && t.distro === 'debian') unnamed.add(p.name);
        else sources.add((p.source?.name ?? p.name).toLowerCase());
      }
    }
    for (const [eco, names] of lang) this.langRows.set(eco, this.store.candidates.lang(eco, [...names]));
    const t = this.distroTarget;
    if (t) {
      if (unnamed.size) this.debSources = this.store.debSources(t.release, [...unnamed]);
      for (const n of unnamed) sources.add((this.debSources.get(n) ?? n).toLowerCase());
      this.distroRows = this.store.candidates.distro(t.distro, t.release, [...sources]);
    }
    // the candidate lists that installed versions below their bound need, read in one pass
    const need: Candidates<unknown>[] = [];
    for (const p of packages) {
      const c = this.listNeeded(p);
      if (c) need.push(c);
    }
    this.store.candidates.load(need);
  }

  /** The candidates whose list matching `p` will read (its version is not above their bound). */
  private listNeeded(p: Package): Candidates<unknown> | undefined {
    let c: Candidates<unknown> | undefined;
    if (LANG.has(p.ecosystem)) {
      const scheme = schemeFor(p.ecosystem);
      c = scheme && this.langRows.get(p.ecosystem)?.get(normalizeName(p.ecosystem, p.name));
      if (!c?.unread || (scheme && decidedByBound(c, p.version, scheme, false))) return undefined;
    } else if (p.ecosystem === 'deb' || p.ecosystem === 'apk') {
      const t = this.distroTarget;
      if (!t || (t.distro === 'alpine') !== (p.ecosystem === 'apk')) return undefined;
      c = this.distroRows.get(this.sourceName(p, t));
      const installed = p.source?.version ?? p.version;
      if (!c?.unread || decidedByBound(c, installed, t.scheme, !!this.options.ignoreUnfixed))
        return undefined;
    }
    return c;
  }

  match(p: Package): void {
    if (p.ecosystem === 'deb' || p.ecosystem === 'apk') this.matchOs(p);
    else if (LANG.has(p.ecosystem)) this.matchLang(p);
  }

  fail(p: Package, e: unknown): void {
    this.warnings.push({
      code: 'VULN_MATCH_FAILED',
      message: `${p.purl}: matching failed (${errorMessage(e)})`,
      ...(p.locations[0] ? { location: p.locations[0] } : {}),
    });
  }

  private target(p: Package): DistroTarget | undefined {
    if (this.distroChecked) return this.distroTarget;
    this.distroChecked = true;
    const os = this.os;
    const family = os?.family.toLowerCase();
    let t: DistroTarget | undefined;
    if (family === 'debian' && os) {
      const release = os.codename ?? (os.version ? debianCodename(os.version) : undefined);
      if (release) t = { distro: 'debian', release, scheme: dpkg };
    } else if (family === 'ubuntu' && os?.version) {
      t = { distro: 'ubuntu', release: os.version.split(' ')[0]!, scheme: dpkg };
    } else if (family === 'alpine' && os?.version) {
      const mm = /^(\d+\.\d+)/.exec(os.version)?.[1];
      if (mm) t = { distro: 'alpine', release: mm, scheme: apk };
    }
    if (!t) {
      this.warnings.push({
        code: 'VULN_UNSUPPORTED_OS',
        message: `operating system ${os ? `${os.family} ${os.version}` : 'unknown'}: no advisory data for its packages (${p.ecosystem} packages not matched)`,
      });
    } else if (!this.store.hasDistroRelease(t.distro, t.release)) {
      this.warnings.push({
        code: 'VULN_NO_DISTRO_DATA',
        message: `the vulnerability database has no ${t.distro} ${t.release} data: its OS packages are not matched (run \`palisade db update\`)`,
      });
      t = undefined;
    }
    this.distroTarget = t;
    return t;
  }

  private sourceName(p: Package, t: DistroTarget): string {
    let srcName = p.source?.name;
    if (!srcName && t.distro === 'debian') srcName = this.debSources.get(p.name);
    return (srcName ?? p.name).toLowerCase();
  }

  private matchOs(p: Package): void {
    const t = this.target(p);
    if (!t) return;
    if ((t.distro === 'alpine') !== (p.ecosystem === 'apk')) return;
    const srcName = this.sourceName(p, t);
    // Debian and Alpine fix data name source versions; a binNMU (+bN) changes only the binary's
    const installed = p.source?.version ?? p.version;
    const key = `${srcName}\0${installed}`;
    let v = this.verdicts.get(key);
    if (!v) this.verdicts.set(key, (v = this.osVerdict(t, srcName, installed)));
    if (v.invalid) this.unparsable(p, installed, t.scheme);
    if (v.matches.length) this.pending.push({ p, verdict: v });
  }

  private osVerdict(t: DistroTarget, srcName: string, installed: string): Verdict {
    const verdict: Verdict = { matches: [], dataSource: t.distro, invalid: false, errors: [] };
    const candidates = this.distroRows.get(srcName);
    if (!candidates) return verdict;
    if (decidedByBound(candidates, installed, t.scheme, !!this.options.ignoreUnfixed)) return verdict;
    const valid = t.scheme.valid(installed);
    const vendor = t.distro;
    const matches: Match[] = [];
    for (const r of candidates.list) {
      const vendorSeverity = r.severity ?? undefined;
      const base = { row: r.row, ...(vendorSeverity ? { vendorSeverity, vendor } : {}) };
      if (r.status === 'not_affected') {
        matches.push({ ...base, status: 'not_affected', fixed: [] });
      } else if (r.status === 'fixed' && r.fixed) {
        if (!valid) matches.push({ ...base, status: 'unknown', fixed: [r.fixed] });
        else if (t.scheme.compare(installed, r.fixed) < 0)
          matches.push({ ...base, status: 'affected', fixed: [r.fixed] });
      } else if (r.status === 'affected' || r.status === 'will_not_fix') {
        if (this.options.ignoreUnfixed) continue;
        matches.push({ ...base, status: r.status, fixed: [] });
      }
    }
    if (matches.some((m) => m.status !== 'not_affected')) {
      verdict.matches = matches;
      verdict.invalid = matches.some((m) => m.status === 'unknown');
    }
    return verdict;
  }

  private matchLang(p: Package): void {
    const scheme = schemeFor(p.ecosystem);
    if (!scheme) return;
    const name = normalizeName(p.ecosystem, p.name);
    const key = `${p.ecosystem}\0${name}\0${p.version}`;
    let v = this.verdicts.get(key);
    if (!v) {
      const candidates = this.langRows.get(p.ecosystem)?.get(name);
      this.verdicts.set(key, (v = this.langVerdict(candidates, p.version, scheme)));
    }
    if (v.invalid) this.unparsable(p, p.version, scheme);
    for (const e of v.errors)
      this.warnings.push({
        code: 'VULN_RANGE_UNPARSABLE',
        message: `${p.purl}: ${e.id} cannot be evaluated (${e.reason}); reported as unknown`,
        ...(p.locations[0] ? { location: p.locations[0] } : {}),
      });
    if (v.matches.length) this.pending.push({ p, verdict: v });
  }

  private langVerdict(
    candidates: Candidates<LangCandidate> | undefined,
    version: string,
    scheme: VersionScheme,
  ): Verdict {
    const verdict: Verdict = { matches: [], dataSource: '', invalid: false, errors: [] };
    if (!candidates) return verdict;
    if (decidedByBound(candidates, version, scheme, false)) return verdict;
    const valid = version !== '' && scheme.valid(version);
    verdict.invalid = !valid;
    const rows = candidates.list;
    for (const r of rows) {
      if (!valid) {
        verdict.matches.push({ row: r.row, status: 'unknown', fixed: [] });
        continue;
      }
      try {
        const v = evaluate(r.data, version, scheme);
        if (v.affected) {
          if (this.options.ignoreUnfixed && !v.fixed.length) continue;
          verdict.matches.push({ row: r.row, status: 'affected', fixed: v.fixed });
        }
      } catch (e) {
        verdict.errors.push({ id: r.row.id, reason: errorMessage(e) });
        verdict.matches.push({ row: r.row, status: 'unknown', fixed: [] });
      }
    }
    const sources: string[] = [];
    for (const r of rows) if (!sources.includes(r.row.source)) sources.push(r.row.source);
    verdict.dataSource = sources.join(',');
    return verdict;
  }

  private unparsable(p: Package, version: string, s: VersionScheme): void {
    this.warnings.push({
      code: 'VULN_VERSION_UNPARSABLE',
      message: `${p.purl}: version ${JSON.stringify(version)} is not a valid ${s.name} version; its advisories are reported with status unknown`,
      ...(p.locations[0] ? { location: p.locations[0] } : {}),
    });
  }

  finish(): void {
    // a finding that stands for one advisory carries that advisory's details, computed when the DB was
    // built; one that merges several (GHSA + PYSEC for one package) assembles them here
    const single = new Map<number, AdvisoryRow>();
    const need = new Map<string, Group>();
    for (const x of this.pending) {
      const ms = x.verdict.matches;
      let groups = this.groupCache.get(ms);
      if (!groups) {
        // the distro says this package never had it ("0" in secdb, fixed_version 0 in Debian's tracker)
        groups = groupMatches(ms).filter((g) => !g.matches.some((m) => m.status === 'not_affected'));
        this.groupCache.set(ms, groups);
      }
      for (const g of groups) {
        const one = singleRow(g);
        if (one) single.set(one.rowid, one);
        else if (!this.detailsCache.has(keyOf(g))) need.set(keyOf(g), g);
      }
    }
    const singleDetails = this.store.candidates.details([...single.values()]);
    if (need.size) {
      const groups = [...need.values()];
      const ids = [...new Set(groups.flatMap((g) => g.ids))];
      const related = this.store.related(ids).filter((r) => !r.withdrawn);
      const byKey = new Map<string, AdvisoryRow[]>();
      for (const r of related) {
        const list = byKey.get(r.key);
        if (list) list.push(r);
        else byKey.set(r.key, [r]);
      }
      const advs = [
        ...new Set([
          ...groups.flatMap((g) => g.matches.map((m) => m.row.rowid)),
          ...related.map((r) => r.rowid),
        ]),
      ];
      const facts = this.store.facts(
        advs,
        ids.filter((i) => i.startsWith('CVE-')),
      );
      for (const g of groups) {
        const all = [...g.matches.map((m) => m.row), ...g.ids.flatMap((i) => byKey.get(i) ?? [])];
        this.detailsCache.set(keyOf(g), assembleDetails(all, g.ids, facts));
      }
    }
    // findings: one template per group, shared by every package with the same verdict
    const templates = new Map<Group, FindingTemplate>();
    const taken = new Set<unknown[]>();
    for (const x of this.pending) {
      for (const g of this.groupCache.get(x.verdict.matches)!) {
        let t = templates.get(g);
        if (!t) {
          const one = singleRow(g);
          const details = one ? singleDetails.get(one.rowid) : this.detailsCache.get(keyOf(g));
          if (!details) throw new Error(`no details for ${g.ids.join(' ')}`);
          templates.set(g, (t = findingTemplate(g, details)));
        }
        this.findings.push(instantiate(t, x.p, x.verdict.dataSource, taken));
      }
    }
  }
}

/** Whether a valid installed version is above every candidate's reach: nothing to evaluate. */
function decidedByBound(
  c: Candidates<unknown>,
  version: string,
  scheme: VersionScheme,
  ignoreUnfixed: boolean,
): boolean {
  return version !== '' && scheme.valid(version) && !c.mayMatch(version, scheme, ignoreUnfixed);
}

/** The one advisory a group stands for (its matches may be several entries of that advisory). */
function singleRow(g: Group): AdvisoryRow | undefined {
  const r = g.matches[0]!.row;
  return g.matches.every((m) => m.row.rowid === r.rowid) ? r : undefined;
}

function keyOf(g: { ids: string[] }): string {
  return g.ids.slice().sort().join(' ');
}
