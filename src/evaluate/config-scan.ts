// `palisade config PATH…`: finds Dockerfiles, Compose files, Kubernetes manifests, Helm charts and
// Kustomize directories under the given paths, turns them into Resources, runs the built-in checks
// and custom CEL policies, and returns a Report. A bad file is a warning, not a failed scan.
import { execFile } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { errorMessage, PalisadeError } from '../core/errors.js';
import { REPORT_SCHEMA_VERSION, type Report, type Warning } from '../core/types.js';
import { VERSION } from '../version.js';
import { composeResources, looksLikeCompose } from './compose/resource.js';
import { dockerfileResource } from './dockerfile/resource.js';
import {
  evaluate,
  type Check,
  type EvaluateOptions,
  type IgnoreEntry,
  type PathSeg,
  type Resource,
} from './engine.js';
import { isObj, k8sResources } from './k8s/resource.js';
import { loadPolicies } from './policy.js';
import { builtinChecks } from './registry.js';
import { scanInlineIgnores } from './suppress.js';
import { composeName, dockerfileName, SKIP_DIRS } from './config-names.js';
import { DEFAULT_YAML_LIMITS, loadYaml, type YamlLimits } from './yaml-source.js';

export { composeName, dockerfileName } from './config-names.js';

export interface ConfigScanOptions extends EvaluateOptions {
  /** custom policy files (CEL) */
  policyFiles?: readonly string[];
  /** Dockerfile --build-arg values */
  buildArgs?: Record<string, string>;
  /** extra `helm template --values` files */
  helmValues?: readonly string[];
  yamlLimits?: YamlLimits;
  /** binaries, for tests; default `helm` and `kubectl` from PATH */
  helmBin?: string;
  kubectlBin?: string;
  /** replaces the built-in checks (tests, benchmarks) */
  checks?: readonly Check[];
}

export type ConfigFileType = 'dockerfile' | 'compose' | 'yaml' | 'helm' | 'kustomize';

const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const RENDER_TIMEOUT_MS = 120_000;
const READ_AHEAD = 8;

function yamlName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}
const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

interface Target {
  type: ConfigFileType;
  path: string;
}

/** Walks the paths; directories are searched, symlinks inside them are not followed. */
export async function findTargets(paths: readonly string[], warnings: Warning[]): Promise<Target[]> {
  const out: Target[] = [];
  // `known`: the directory entry's type, read with the listing (saves an lstat per file)
  const visit = async (p: string, explicit: boolean, known?: Dirent): Promise<void> => {
    let st: Pick<Dirent, 'isSymbolicLink' | 'isDirectory' | 'isFile'>;
    try {
      st = known ?? (explicit ? await stat(p) : await lstat(p));
    } catch (e) {
      if (explicit)
        throw new PalisadeError(
          'INPUT',
          `${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : errorMessage(e)}`,
        );
      return;
    }
    if (st.isSymbolicLink()) {
      warnings.push({
        code: 'SYMLINK_SKIPPED',
        message: `${p}: symbolic link not followed`,
        location: { path: p },
      });
      return;
    }
    if (st.isDirectory()) {
      let entries: Dirent[];
      try {
        entries = (await readdir(p, { withFileTypes: true })).sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
        );
      } catch (e) {
        warnings.push({ code: 'READ_ERROR', message: `${p}: ${errorMessage(e)}`, location: { path: p } });
        return;
      }
      const names = entries.map((d) => d.name);
      if (names.includes('Chart.yaml')) return void out.push({ type: 'helm', path: p });
      if (names.some((n) => KUSTOMIZATION.includes(n))) return void out.push({ type: 'kustomize', path: p });
      for (const d of entries) {
        if (SKIP_DIRS.has(d.name) || (d.name.startsWith('.') && d.name !== '.')) continue;
        await visit(join(p, d.name), false, d);
      }
      return;
    }
    if (!st.isFile()) return;
    const name = basename(p);
    if (dockerfileName(name)) out.push({ type: 'dockerfile', path: p });
    else if (composeName(name)) out.push({ type: 'compose', path: p });
    else if (yamlName(name)) out.push({ type: 'yaml', path: p });
    else if (explicit) out.push({ type: 'dockerfile', path: p }); // an explicit file of another name: a Dockerfile
  };
  for (const p of paths) await visit(p, true);
  return out;
}

async function readText(path: string, warnings: Warning[]): Promise<string | undefined> {
  try {
    const st = await stat(path);
    if (st.size > MAX_TEXT_BYTES) {
      warnings.push({
        code: 'LIMIT',
        message: `${path}: ${st.size} bytes is over the ${MAX_TEXT_BYTES}-byte limit; not checked`,
        location: { path },
      });
      return undefined;
    }
    const buf = await readFile(path);
    if (buf.includes(0)) {
      warnings.push({ code: 'NOT_TEXT', message: `${path}: binary file; not checked`, location: { path } });
      return undefined;
    }
    return buf.toString('utf8');
  } catch (e) {
    warnings.push({ code: 'READ_ERROR', message: `${path}: ${errorMessage(e)}`, location: { path } });
    return undefined;
  }
}

/** YAML text → Kubernetes and Compose resources (a file may hold either). */
export function yamlResources(
  text: string,
  file: string,
  warnings: Warning[],
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
  quietIfForeign = false,
): Resource[] {
  const loaded = loadYaml(text, file, limits);
  warnings.push(...loaded.warnings);
  const ignores = scanInlineIgnores(text);
  const out: Resource[] = [];
  const k8sDocs = [];
  for (const doc of loaded.docs) {
    if (looksLikeCompose(doc.value)) out.push(...composeResources(doc, file, ignores));
    else if (isObj(doc.value) && typeof doc.value.kind === 'string') k8sDocs.push(doc);
    else if (!quietIfForeign)
      warnings.push({
        code: 'NOT_KUBERNETES',
        message: `${file}:${doc.line}: document ${doc.index + 1} is neither a Kubernetes object nor a Compose file; skipped`,
        location: { path: file, line: doc.line },
      });
  }
  out.push(...k8sResources(k8sDocs, file, ignores, warnings));
  return out;
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { timeout: RENDER_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean };
          if (e.code === 'ENOENT') reject(new PalisadeError('NOT_FOUND', `${bin} not found on PATH`));
          else if (e.killed)
            reject(
              new PalisadeError(
                'LIMIT',
                `${bin} ${args.join(' ')} took longer than ${RENDER_TIMEOUT_MS / 1000} s`,
              ),
            );
          else
            reject(
              new PalisadeError(
                'INPUT',
                `${bin} ${args[0]} failed: ${(stderr || errorMessage(err)).trim().split('\n').slice(-1)[0]}`,
              ),
            );
        } else resolve(stdout);
      },
    );
  });
}

/**
 * Re-homes resources of a rendered stream: Helm marks each template's output with `# Source: …`;
 * findings then point at that template (innerPath) and the line within its rendered output.
 */
function rehome(resources: Resource[], text: string, dir: string, fallbackInner: string): void {
  const sources: { line: number; source: string }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^# Source: (.+)$/.exec(l);
    if (m) sources.push({ line: i + 1, source: m[1]!.trim() });
  });
  for (const r of resources) {
    const start = r.line ?? 1;
    let src: { line: number; source: string } | undefined;
    for (const s of sources) if (s.line <= start) src = s;
    const base = src ? src.line : 0;
    const inner = src ? src.source.replace(/^[^/]+\//, '') : fallbackInner;
    const locate = r.locate;
    r.file = dir;
    r.innerPath = inner;
    r.line = start - base;
    if (locate)
      r.locate = (p: readonly PathSeg[]) => {
        const pos = locate(p);
        return pos ? { line: pos.line - base, column: pos.column } : undefined;
      };
    if (r.inlineIgnores) {
      const shifted = new Map<number, readonly IgnoreEntry[]>();
      for (const [l, e] of r.inlineIgnores) if (l > base) shifted.set(l - base, e);
      r.inlineIgnores = shifted;
    }
  }
}

async function renderHelm(dir: string, opts: ConfigScanOptions, warnings: Warning[]): Promise<Resource[]> {
  const bin = opts.helmBin ?? 'helm';
  const args = ['template', 'palisade-check', dir];
  for (const v of opts.helmValues ?? []) args.push('--values', v);
  let text: string;
  try {
    text = await run(bin, args);
  } catch (e) {
    const msg =
      (e as PalisadeError).code === 'NOT_FOUND'
        ? `${dir}: Helm chart not checked: ${bin} not found on PATH (install Helm 3 to render charts)`
        : `${dir}: Helm chart not checked: ${errorMessage(e)}`;
    warnings.push({ code: 'RENDER_FAILED', message: msg, location: { path: dir } });
    return [];
  }
  const rs = yamlResources(text, dir, warnings, opts.yamlLimits, true);
  rehome(rs, text, dir, '(helm template)');
  return rs;
}

async function renderKustomize(
  dir: string,
  opts: ConfigScanOptions,
  warnings: Warning[],
): Promise<Resource[]> {
  const bin = opts.kubectlBin ?? 'kubectl';
  let text: string;
  try {
    text = await run(bin, ['kustomize', dir]);
  } catch (e) {
    const msg =
      (e as PalisadeError).code === 'NOT_FOUND'
        ? `${dir}: kustomization not checked: ${bin} not found on PATH (install kubectl to run kustomize)`
        : `${dir}: kustomization not checked: ${errorMessage(e)}`;
    warnings.push({ code: 'RENDER_FAILED', message: msg, location: { path: dir } });
    return [];
  }
  const rs = yamlResources(text, dir, warnings, opts.yamlLimits, true);
  rehome(rs, text, dir, '(kustomize build)');
  return rs;
}

/** Loads every resource under `paths`. */
export async function loadConfigResources(
  paths: readonly string[],
  opts: ConfigScanOptions = {},
): Promise<{ resources: Resource[]; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  const resources: Resource[] = [];
  const targets = await findTargets(paths, warnings);
  // files are read a few ahead of the one being parsed, so the reads overlap each other and the
  // parsing; results (and warnings) still come in target order
  const reads = new Map<number, Promise<{ text: string | undefined; warnings: Warning[] }>>();
  const readAhead = (i: number) => {
    const t = targets[i];
    if (!t || reads.has(i) || t.type === 'helm' || t.type === 'kustomize') return;
    const w: Warning[] = [];
    reads.set(
      i,
      readText(t.path, w).then((text) => ({ text, warnings: w })),
    );
  };
  for (const [i, t] of targets.entries()) {
    for (let j = i; j < i + READ_AHEAD; j++) readAhead(j);
    if (t.type === 'helm') resources.push(...(await renderHelm(t.path, opts, warnings)));
    else if (t.type === 'kustomize') resources.push(...(await renderKustomize(t.path, opts, warnings)));
    else {
      const read = await reads.get(i)!;
      reads.delete(i);
      warnings.push(...read.warnings);
      const text = read.text;
      if (text === undefined) continue;
      if (t.type === 'dockerfile')
        resources.push(dockerfileResource(text, t.path, opts.buildArgs ? { buildArgs: opts.buildArgs } : {}));
      else resources.push(...yamlResources(text, t.path, warnings, opts.yamlLimits, !paths.includes(t.path)));
    }
  }
  return { resources, warnings };
}

export async function loadPolicyFiles(files: readonly string[]): Promise<Check[]> {
  const out: Check[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch (e) {
      throw new PalisadeError('INPUT', `policy file ${f}: ${errorMessage(e)}`);
    }
    out.push(...loadPolicies(text, f));
  }
  return out;
}

/** Scans configuration files and returns the report. */
export async function scanConfig(paths: readonly string[], opts: ConfigScanOptions = {}): Promise<Report> {
  if (!paths.length) throw new PalisadeError('USAGE', 'config: give at least one file or directory');
  const t0 = performance.now();
  const policies = await loadPolicyFiles(opts.policyFiles ?? []);
  const { resources, warnings } = await loadConfigResources(paths, opts);
  const t1 = performance.now();
  const res = evaluate(resources, [...(opts.checks ?? builtinChecks), ...policies], opts);
  const t2 = performance.now();
  const cwd = process.cwd();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    artifact: { name: paths.map((p) => relative(cwd, p) || '.').join(' '), type: 'config', layers: [] },
    packages: [],
    findings: res.findings,
    suppressed: res.suppressed,
    warnings: [...warnings, ...res.warnings],
    timings: { load: Math.round(t1 - t0), evaluate: Math.round(t2 - t1) },
    scanner: { name: 'palisade', version: VERSION },
    createdAt: new Date().toISOString(),
  };
}
