// go.mod and go.sum (fs mode). For go ≥ 1.17 modules go.mod lists every module the build needs
// (direct and `// indirect`), so it is the source; older go.mod files list only direct requirements,
// and go.sum fills in the rest (modules with a source hash, not only a /go.mod hash). `replace`
// directives apply as the go command applies them (a local-directory replacement keeps the original).
import { posix } from 'node:path';
import type { AnalysisResult, Analyzer, FileResult } from '../../analyzer.js';
import type { Package } from '../../../core/types.js';
import { golangPurl } from '../../purl.js';
import { atLayer, basename, pkg } from '../common.js';

const FOUND_BY = 'go-mod';

interface GoModFile {
  goVersion?: string;
  module?: string;
  requires: { path: string; version: string; indirect: boolean }[];
  replaces: { from: string; fromVersion?: string; to: string; toVersion?: string }[];
}

const unq = (s: string) => s.replace(/^"(.*)"$/, '$1').replace(/^`(.*)`$/, '$1');

export function parseGoMod(text: string): GoModFile {
  const out: GoModFile = { requires: [], replaces: [] };
  let block: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (block && line === ')') {
      block = undefined;
      continue;
    }
    let verb: string;
    let rest: string;
    if (block) {
      verb = block;
      rest = line;
    } else {
      const m = /^(\w+)\s*(.*)$/.exec(line);
      if (!m) continue;
      verb = m[1]!;
      rest = m[2]!;
      if (rest === '(') {
        block = verb;
        continue;
      }
    }
    const f = rest.split(/\s+/).map(unq);
    if (verb === 'module') out.module = f[0];
    else if (verb === 'go') out.goVersion = f[0];
    else if (verb === 'require' && f[0] && f[1]) out.requires.push({ path: f[0], version: f[1], indirect });
    else if (verb === 'replace') {
      const arrow = f.indexOf('=>');
      if (arrow < 1) continue;
      out.replaces.push({
        from: f[0]!,
        ...(arrow === 2 ? { fromVersion: f[1] } : {}),
        to: f[arrow + 1]!,
        ...(f[arrow + 2] ? { toVersion: f[arrow + 2] } : {}),
      });
    }
  }
  return out;
}

export function parseGoSum(text: string): { path: string; version: string }[] {
  const out = new Map<string, { path: string; version: string }>();
  for (const line of text.split(/\r?\n/)) {
    const [path, version] = line.trim().split(/\s+/);
    if (!path || !version || version.endsWith('/go.mod')) continue;
    out.set(`${path}@${version}`, { path, version });
  }
  return [...out.values()];
}

function goVersionAtLeast(v: string | undefined, minor: number): boolean {
  const m = /^1\.(\d+)/.exec(v ?? '');
  return !!m && Number(m[1]) >= minor;
}

function modulePackages(
  mod: GoModFile,
  sum: { path: string; version: string }[] | undefined,
  path: string,
  sumPath?: string,
): Package[] {
  const found = new Map<string, { path: string; version: string; indirect?: boolean; at: string }>();
  for (const r of mod.requires) found.set(r.path, { ...r, at: path });
  if (sum && !goVersionAtLeast(mod.goVersion, 17))
    for (const s of sum)
      if (!found.has(s.path)) found.set(s.path, { ...s, indirect: true, at: sumPath ?? path });
  const out: Package[] = [];
  for (const m of found.values()) {
    const rep = mod.replaces.find(
      (r) => r.from === m.path && (!r.fromVersion || r.fromVersion === m.version),
    );
    const local = rep && (rep.to.startsWith('.') || rep.to.startsWith('/'));
    const name = rep && !local ? rep.to : m.path;
    const version = rep && !local ? (rep.toVersion ?? m.version) : m.version;
    out.push(
      pkg({
        name,
        version,
        ecosystem: 'golang',
        purl: golangPurl(name, version),
        path: m.at,
        foundBy: FOUND_BY,
        metadata: {
          ...(m.indirect ? { indirect: true } : {}),
          ...(rep ? { replaces: `${m.path}@${m.version}` } : {}),
          ...(local ? { replacedBy: rep!.to } : {}),
        },
      }),
    );
  }
  return out;
}

export const goMod = {
  id: FOUND_BY,
  version: 1,
  modes: ['fs'],
  required: (path) => {
    const b = basename(path);
    return (b === 'go.mod' || b === 'go.sum') && !path.includes('/vendor/');
  },
  async analyze({ path, read }) {
    const text = (await read()).toString('utf8');
    return { data: basename(path) === 'go.mod' ? { mod: parseGoMod(text) } : { sum: parseGoSum(text) } };
  },
  finalize(results: FileResult[]): AnalysisResult {
    const byDir = new Map<
      string,
      {
        mod?: GoModFile;
        sum?: { path: string; version: string }[];
        layer: number;
        modPath?: string;
        sumPath?: string;
      }
    >();
    for (const r of results) {
      const d = r.result.data as { mod?: GoModFile; sum?: { path: string; version: string }[] } | undefined;
      if (!d) continue;
      const dir = posix.dirname(r.path);
      const e = byDir.get(dir) ?? { layer: r.layerIndex };
      if (d.mod) Object.assign(e, { mod: d.mod, modPath: r.path });
      if (d.sum) Object.assign(e, { sum: d.sum, sumPath: r.path });
      byDir.set(dir, e);
    }
    const packages: Package[] = [];
    for (const e of byDir.values()) {
      if (!e.mod) continue; // a go.sum without its go.mod says nothing about what is built
      for (const p of modulePackages(e.mod, e.sum, e.modPath!, e.sumPath)) packages.push(atLayer(p, e.layer));
    }
    return { packages };
  },
} as const satisfies Analyzer;
