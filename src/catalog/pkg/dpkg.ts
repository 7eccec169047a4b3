// dpkg's database: var/lib/dpkg/status (deb822, Debian Policy §5 and dpkg's own fields),
// distroless-style var/lib/dpkg/status.d/<pkg> files, and info/<pkg>[:<arch>].list file lists.
// Packages keep their source package name and version: Debian advisories are keyed by source.
import { PackageURL } from 'packageurl-js';
import type { AnalysisResult, Analyzer, FileResult, FinalizeContext } from '../analyzer.js';
import type { Location, Package, Warning } from '../../core/types.js';
import { parseDeb822 } from './deb822.js';
import { originLayers } from './layer-origin.js';

const STATUS = 'var/lib/dpkg/status';
const STATUS_D = 'var/lib/dpkg/status.d/';
const INFO = 'var/lib/dpkg/info/';

export interface DpkgEntry {
  name: string;
  version: string;
  arch: string;
  sourceName: string;
  sourceVersion: string;
  maintainer?: string;
  depends?: string[];
  multiArch?: string;
}

type DpkgData = { kind: 'status'; entries: DpkgEntry[] } | { kind: 'list'; pkg: string; files: string[] };

/** "openssl", or "glibc (2.36-9)" → name and version (version defaults to the binary's) */
function parseSource(
  field: string | undefined,
  name: string,
  version: string,
): { name: string; version: string } {
  if (!field) return { name, version };
  const m = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(field.trim());
  if (!m) return { name, version };
  return { name: m[1]!, version: m[2] ?? version };
}

/** Package names from a Depends field (alternatives and version constraints dropped). */
function dependNames(field: string | undefined): string[] | undefined {
  if (!field) return undefined;
  const names = new Set<string>();
  for (const alt of field.split(',')) {
    const first = alt.split('|')[0]!.trim();
    const m = /^([a-z0-9][a-z0-9+.-]*)/.exec(first);
    if (m) names.add(m[1]!);
  }
  return [...names];
}

export function parseDpkgStatus(text: string): { entries: DpkgEntry[]; warnings: Warning[] } {
  const entries: DpkgEntry[] = [];
  const warnings: Warning[] = [];
  for (const p of parseDeb822(text)) {
    const name = p.Package;
    if (!name) continue;
    // "install ok installed"; dpkg also keeps half-installed and config-files-only records
    const status = p.Status?.split(/\s+/) ?? ['install', 'ok', 'installed'];
    if (status[2] !== 'installed') continue;
    const version = p.Version;
    if (!version) {
      warnings.push({
        code: 'DPKG_NO_VERSION',
        message: `dpkg: package ${name} has no Version field; skipped`,
      });
      continue;
    }
    const src = parseSource(p.Source, name, version);
    const e: DpkgEntry = {
      name,
      version,
      arch: p.Architecture ?? 'all',
      sourceName: src.name,
      sourceVersion: src.version,
    };
    if (p.Maintainer) e.maintainer = p.Maintainer;
    const deps = dependNames([p['Pre-Depends'], p.Depends].filter(Boolean).join(', ') || undefined);
    if (deps?.length) e.depends = deps;
    if (p['Multi-Arch']) e.multiArch = p['Multi-Arch'];
    entries.push(e);
  }
  return { entries, warnings };
}

/** A .list names every path the package installed, directories too; keep the non-directories. */
export function parseDpkgList(text: string): string[] {
  const paths = text
    .split('\n')
    .map((l) => l.trim().replace(/^\/+/, ''))
    .filter((l) => l && l !== '.');
  const sorted = [...new Set(paths)].sort();
  // a path that is a prefix-directory of the next one is a directory
  return sorted.filter((p, i) => !sorted[i + 1]?.startsWith(p + '/'));
}

function key(name: string, arch: string): string {
  return `${name}:${arch}`;
}

export function debPurl(e: DpkgEntry, ctx: Pick<FinalizeContext, 'os'>): string {
  const ns = ctx.os && ['debian', 'ubuntu'].includes(ctx.os.family) ? ctx.os.family : 'debian';
  const q: Record<string, string> = { arch: e.arch };
  if (ctx.os?.version) {
    const v = ctx.os.family === 'debian' ? ctx.os.version.split('.')[0] : ctx.os.version;
    q.distro = `${ctx.os.family}-${v}`;
  }
  if (e.sourceName !== e.name || e.sourceVersion !== e.version)
    q.upstream = e.sourceVersion !== e.version ? `${e.sourceName}@${e.sourceVersion}` : e.sourceName;
  return new PackageURL('deb', ns, e.name, e.version, q, undefined).toString();
}

export const dpkg = {
  id: 'dpkg',
  version: 1,
  maxSize: 256 * 1024 * 1024,
  finalizeSeesHidden: true,
  required: (path, info) =>
    (info.type === 'file' || info.type === 'hardlink') &&
    (path === STATUS ||
      (path.startsWith(STATUS_D) && !path.endsWith('.md5sums') && path.indexOf('/', STATUS_D.length) < 0) ||
      (path.startsWith(INFO) && path.endsWith('.list') && path.indexOf('/', INFO.length) < 0)),
  async analyze({ path, read }) {
    const text = (await read()).toString('utf8');
    if (path.startsWith(INFO)) {
      const pkg = path.slice(INFO.length, -'.list'.length);
      return { data: { kind: 'list', pkg, files: parseDpkgList(text) } satisfies DpkgData };
    }
    const { entries, warnings } = parseDpkgStatus(text);
    for (const w of warnings) w.location = { path };
    return { data: { kind: 'status', entries } satisfies DpkgData, warnings };
  },
  finalize(results: FileResult[], ctx): AnalysisResult {
    const statusOf = (r: FileResult) => {
      const d = r.result.data as DpkgData | undefined;
      return d?.kind === 'status' && r.path === STATUS ? d.entries : undefined;
    };
    const origin = originLayers(
      results,
      statusOf,
      (e) => key(e.name, e.arch),
      (e) => e.version,
    );
    const finalStatus = results.find((r) => r.hiddenInLayer === undefined && statusOf(r));
    const visible = results.filter((r) => r.hiddenInLayer === undefined);
    const lists = new Map<string, string[]>();
    for (const r of visible) {
      const d = r.result.data as DpkgData | undefined;
      if (d?.kind === 'list') lists.set(d.pkg, d.files);
    }
    const packages: Package[] = [];
    const emit = (e: DpkgEntry, loc: Location) => {
      const files = lists.get(`${e.name}:${e.arch}`) ?? lists.get(e.name);
      const pkg: Package = {
        name: e.name,
        version: e.version,
        ecosystem: 'deb',
        purl: debPurl(e, ctx),
        arch: e.arch,
        source: { name: e.sourceName, version: e.sourceVersion },
        locations: [loc],
        foundBy: 'dpkg',
      };
      if (files?.length) pkg.files = files;
      if (e.depends?.length) pkg.metadata = { depends: e.depends };
      if (e.maintainer) pkg.metadata = { ...(pkg.metadata ?? {}), maintainer: e.maintainer };
      packages.push(pkg);
    };
    if (finalStatus) {
      const d = finalStatus.result.data as Extract<DpkgData, { kind: 'status' }>;
      for (const e of d.entries) {
        emit(e, { path: STATUS, layerIndex: origin.get(key(e.name, e.arch)) ?? finalStatus.layerIndex });
      }
    }
    for (const r of visible) {
      const d = r.result.data as DpkgData | undefined;
      if (d?.kind !== 'status' || r.path === STATUS) continue;
      for (const e of d.entries) emit(e, { path: r.path, layerIndex: r.layerIndex });
    }
    const warnings = visible.flatMap((r) => r.result.warnings ?? []);
    return { packages, warnings };
  },
} as const satisfies Analyzer;
