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
import type { OSInfo, Package, VulnerabilityFinding, Warning } from '../core/types.js';
import { debianCodename, normalizeName } from '../vulndb/names.js';
import type { AdvisoryRow, AffectedRow, DistroRow, VulnDetails, VulnStore } from '../vulndb/store.js';
import { dpkg } from '../vulndb/versions/dpkg.js';
import { apk } from '../vulndb/versions/apk.js';
import { schemeFor, type VersionScheme } from '../vulndb/versions/index.js';
import { assembleDetails, buildFinding, groupMatches, type Match } from './finding.js';

type Group = { ids: string[]; matches: Match[] };
import { evaluate } from './ranges.js';
import { errorMessage } from '../core/errors.js';

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

interface Pending {
  p: Package;
  /** matches shared by every binary of one source at one version */
  matches: Match[];
  sources: string[];
}

// Matching runs in phases so that the database is queried a handful of times per scan, not per
// package: prefetch every candidate row, evaluate versions in memory, fetch aliases of the matched
// rows, group, fetch details of the groups, build findings in package order.
class Matcher {
  findings: VulnerabilityFinding[] = [];
  warnings: Warning[] = [];
  private pending: Pending[] = [];
  private langRows = new Map<string, AffectedRow[]>();
  private distroRows = new Map<string, DistroRow[]>();
  private osMatches = new Map<string, Match[]>();
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
    const lang = new Map<string, [string, string]>();
    const sources = new Set<string>();
    for (const p of packages) {
      if (LANG.has(p.ecosystem)) {
        const name = normalizeName(p.ecosystem, p.name);
        lang.set(`${p.ecosystem}\0${name}`, [p.ecosystem, name]);
      } else if (p.ecosystem === 'deb' || p.ecosystem === 'apk') {
        const t = this.target(p);
        if (t) sources.add(this.sourceName(p, t));
      }
    }
    this.langRows = this.store.affectedMany([...lang.values()]);
    const t = this.distroTarget;
    if (t) this.distroRows = this.store.distroMany(t.distro, t.release, [...sources]);
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
    } else if (!this.store.distroReleases(t.distro).includes(t.release)) {
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
    // dpkg writes no Source: when it equals the binary name; a stripped status file may lack it too
    if (!srcName && t.distro === 'debian') srcName = this.store.debSource(t.release, p.name)?.source;
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
    let matches = this.osMatches.get(key);
    if (!matches) {
      matches = this.osRows(t, srcName, installed);
      this.osMatches.set(key, matches);
    }
    if (matches.some((m) => m.status === 'unknown')) this.unparsable(p, installed, t.scheme);
    if (matches.length) this.pending.push({ p, matches, sources: [t.distro] });
  }

  private osRows(t: DistroTarget, srcName: string, installed: string): Match[] {
    const rows = (this.distroRows.get(srcName) ?? []).filter((r) => !r.withdrawn);
    if (!rows.length) return [];
    const valid = t.scheme.valid(installed);
    const vendor = t.distro;
    const matches: Match[] = [];
    for (const r of rows) {
      const vendorSeverity = r.dseverity ?? undefined;
      const base = { row: r, ...(vendorSeverity ? { vendorSeverity, vendor } : {}) };
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
    return matches.some((m) => m.status !== 'not_affected') ? matches : [];
  }

  private matchLang(p: Package): void {
    const scheme = schemeFor(p.ecosystem);
    if (!scheme) return;
    const rows = (this.langRows.get(`${p.ecosystem}\0${normalizeName(p.ecosystem, p.name)}`) ?? []).filter(
      (r) => !r.withdrawn,
    );
    if (!rows.length) return;
    const valid = p.version !== '' && scheme.valid(p.version);
    if (!valid) this.unparsable(p, p.version, scheme);
    const matches: Match[] = [];
    for (const r of rows) {
      if (!valid) {
        matches.push({ row: r, status: 'unknown', fixed: [] });
        continue;
      }
      try {
        const v = evaluate(JSON.parse(r.data), p.version, scheme);
        if (v.affected) {
          if (this.options.ignoreUnfixed && !v.fixed.length) continue;
          matches.push({ row: r, status: 'affected', fixed: v.fixed });
        }
      } catch (e) {
        this.warnings.push({
          code: 'VULN_RANGE_UNPARSABLE',
          message: `${p.purl}: ${r.id} cannot be evaluated (${errorMessage(e)}); reported as unknown`,
          ...(p.locations[0] ? { location: p.locations[0] } : {}),
        });
        matches.push({ row: r, status: 'unknown', fixed: [] });
      }
    }
    if (matches.length) this.pending.push({ p, matches, sources: [...new Set(rows.map((r) => r.source))] });
  }

  private unparsable(p: Package, version: string, s: VersionScheme): void {
    this.warnings.push({
      code: 'VULN_VERSION_UNPARSABLE',
      message: `${p.purl}: version ${JSON.stringify(version)} is not a valid ${s.name} version; its advisories are reported with status unknown`,
      ...(p.locations[0] ? { location: p.locations[0] } : {}),
    });
  }

  finish(): void {
    const rows = new Set<AdvisoryRow>();
    for (const x of this.pending) for (const m of x.matches) rows.add(m.row);
    this.store.withAliases([...rows]);
    const need = new Map<string, Group>();
    for (const x of this.pending) {
      let groups = this.groupCache.get(x.matches);
      if (!groups) {
        // the distro says this package never had it ("0" in secdb, fixed_version 0 in Debian's tracker)
        groups = groupMatches(x.matches).filter((g) => !g.matches.some((m) => m.status === 'not_affected'));
        this.groupCache.set(x.matches, groups);
      }
      for (const g of groups) if (!this.detailsCache.has(keyOf(g))) need.set(keyOf(g), g);
    }
    if (need.size) {
      const groups = [...need.values()];
      const ids = [...new Set(groups.flatMap((g) => g.ids))];
      const related = this.store.related(ids).filter((r) => !r.withdrawn);
      const byKey = new Map<string, AdvisoryRow[]>();
      for (const r of related) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
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
    for (const x of this.pending)
      for (const g of this.groupCache.get(x.matches)!)
        this.findings.push(buildFinding(x.p, g, this.detailsCache.get(keyOf(g))!, x.sources));
  }
}

function keyOf(g: { ids: string[] }): string {
  return g.ids.slice().sort().join(' ');
}
