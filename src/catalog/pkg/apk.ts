// Alpine's installed database, lib/apk/db/installed: blank-line separated records of "X:value" lines
// (apk-tools' "installed database" format: P name, V version, A arch, o origin, L license, F directory,
// R file within the last F, D depends, m maintainer, U url, t build time, c commit).
import { PackageURL } from 'packageurl-js';
import type { AnalysisResult, Analyzer, FileResult, FinalizeContext } from '../analyzer.js';
import type { Package, Warning } from '../../core/types.js';
import { originLayers } from './layer-origin.js';

const INSTALLED = 'lib/apk/db/installed';

export interface ApkEntry {
  name: string;
  version: string;
  arch?: string;
  origin?: string;
  license?: string;
  maintainer?: string;
  depends?: string[];
  files: string[];
}

export function parseApkInstalled(text: string): { entries: ApkEntry[]; warnings: Warning[] } {
  const entries: ApkEntry[] = [];
  const warnings: Warning[] = [];
  let cur: Partial<ApkEntry> & { files: string[] } = { files: [] };
  let dir = '';
  const flush = () => {
    if (cur.name && cur.version) entries.push(cur as ApkEntry);
    else if (cur.name)
      warnings.push({ code: 'APK_NO_VERSION', message: `apk: package ${cur.name} has no V: line; skipped` });
    cur = { files: [] };
    dir = '';
  };
  for (const line of text.split('\n')) {
    if (line === '') {
      flush();
      continue;
    }
    if (line.length < 2 || line[1] !== ':') continue;
    const v = line.slice(2);
    switch (line[0]) {
      case 'P':
        cur.name = v;
        break;
      case 'V':
        cur.version = v;
        break;
      case 'A':
        cur.arch = v;
        break;
      case 'o':
        cur.origin = v;
        break;
      case 'L':
        cur.license = v;
        break;
      case 'm':
        cur.maintainer = v;
        break;
      case 'D':
        cur.depends = v.split(/\s+/).filter((d) => d && !d.startsWith('!'));
        break;
      case 'F':
        dir = v;
        break;
      case 'R':
        cur.files.push(dir ? `${dir}/${v}` : v);
        break;
    }
  }
  flush();
  return { entries, warnings };
}

export function apkPurl(e: ApkEntry, ctx: Pick<FinalizeContext, 'os'>): string {
  const q: Record<string, string> = {};
  if (e.arch) q.arch = e.arch;
  if (e.origin && e.origin !== e.name) q.upstream = e.origin;
  if (ctx.os?.version) q.distro = `${ctx.os.family}-${ctx.os.version}`;
  const ns = ctx.os?.family && ctx.os.family !== 'alpine' ? ctx.os.family : 'alpine';
  return new PackageURL(
    'apk',
    ns,
    e.name,
    e.version,
    Object.keys(q).length ? q : undefined,
    undefined,
  ).toString();
}

export const apk = {
  id: 'apk',
  version: 1,
  maxSize: 256 * 1024 * 1024,
  finalizeSeesHidden: true,
  required: (path, info) => path === INSTALLED && (info.type === 'file' || info.type === 'hardlink'),
  async analyze({ path, read }) {
    const { entries, warnings } = parseApkInstalled((await read()).toString('utf8'));
    for (const w of warnings) w.location = { path };
    return { data: entries, warnings };
  },
  finalize(results: FileResult[], ctx): AnalysisResult {
    const packages: Package[] = [];
    const warnings: Warning[] = [];
    const entriesOf = (r: FileResult) => r.result.data as ApkEntry[] | undefined;
    const origin = originLayers(
      results,
      entriesOf,
      (e) => `${e.name}:${e.arch ?? ''}`,
      (e) => e.version,
    );
    for (const r of results) {
      if (r.hiddenInLayer !== undefined) continue;
      warnings.push(...(r.result.warnings ?? []));
      for (const e of (r.result.data as ApkEntry[] | undefined) ?? []) {
        const pkg: Package = {
          name: e.name,
          version: e.version,
          ecosystem: 'apk',
          purl: apkPurl(e, ctx),
          source: { name: e.origin ?? e.name, version: e.version },
          locations: [{ path: r.path, layerIndex: origin.get(`${e.name}:${e.arch ?? ''}`) ?? r.layerIndex }],
          foundBy: 'apk',
        };
        if (e.arch) pkg.arch = e.arch;
        if (e.license) pkg.licenses = [e.license];
        if (e.files.length) pkg.files = e.files;
        if (e.depends?.length || e.maintainer)
          pkg.metadata = {
            ...(e.depends?.length ? { depends: e.depends } : {}),
            ...(e.maintainer ? { maintainer: e.maintainer } : {}),
          };
        packages.push(pkg);
      }
    }
    return { packages, warnings };
  },
} as const satisfies Analyzer;
