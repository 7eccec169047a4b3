// Helpers shared by the language catalogers.
import { posix } from 'node:path';
import type { AnalysisResult, Analyzer, FileInfo } from '../analyzer.js';
import type { Ecosystem, Package, Warning } from '../../core/types.js';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import { maybeBinary } from './elf.js';

export function basename(path: string): string {
  return posix.basename(path);
}

export function isRegular(info: FileInfo): boolean {
  return info.type === 'file';
}

/** JSON.parse that names the file in its error. */
export function parseJson(buf: Buffer | string, path: string): unknown {
  try {
    return JSON.parse(typeof buf === 'string' ? buf : buf.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PalisadeError('INPUT', `${path}: invalid JSON: ${errorMessage(e)}`);
  }
}

export { isObject, str } from '../../core/json.js';

/** A warning result for a file we could not read; the scan goes on. */
export function fileWarning(code: string, path: string, e: unknown): AnalysisResult {
  return {
    warnings: [{ code, message: `${path}: ${errorMessage(e)}`, location: { path } } satisfies Warning],
  };
}

export interface PkgInit {
  name: string;
  version: string;
  ecosystem: Ecosystem;
  purl: string;
  path: string;
  foundBy: string;
  licenses?: (string | undefined)[];
  dev?: boolean;
  metadata?: Record<string, unknown>;
  innerPath?: string;
}

export function pkg(init: PkgInit): Package {
  const p: Package = {
    name: init.name,
    version: init.version,
    ecosystem: init.ecosystem,
    purl: init.purl,
    locations: [init.innerPath ? { path: init.path, innerPath: init.innerPath } : { path: init.path }],
    foundBy: init.foundBy,
  };
  const lic = [...new Set((init.licenses ?? []).filter((l): l is string => !!l))];
  if (lic.length) p.licenses = lic;
  if (init.dev !== undefined) p.dev = init.dev;
  if (init.metadata && Object.keys(init.metadata).length) p.metadata = init.metadata;
  return p;
}

/**
 * Dev marking by reachability: what is reachable from the production roots is production, the rest of
 * what is reachable from the dev roots is dev-only. `edges(key)` lists a node's dependencies.
 */
export function devByReachability(
  prodRoots: Iterable<string>,
  edges: (key: string) => Iterable<string>,
): Set<string> {
  const prod = new Set<string>();
  const stack = [...prodRoots];
  while (stack.length) {
    const k = stack.pop()!;
    if (prod.has(k)) continue;
    prod.add(k);
    for (const d of edges(k)) if (!prod.has(d)) stack.push(d);
  }
  return prod;
}

/** Sorted, deduplicated by purl+path: lockfiles repeat packages under several keys. */
export function uniquePackages(pkgs: Package[]): Package[] {
  const seen = new Map<string, Package>();
  for (const p of pkgs) {
    const k = `${p.purl}\0${p.locations[0]?.path ?? ''}\0${p.locations[0]?.innerPath ?? ''}`;
    const prev = seen.get(k);
    if (!prev) seen.set(k, p);
    else if (prev.dev && p.dev === false) prev.dev = false;
  }
  return [...seen.values()];
}

/** A package with its locations placed in a layer (finalize knows the layer; analyze does not). */
export function atLayer(p: Package, layerIndex: number): Package {
  return { ...p, locations: p.locations.map((l) => (l.layerIndex === undefined ? { ...l, layerIndex } : l)) };
}

/** Runs a parser; a bad file becomes a warning naming it, never a failed scan. */
export async function safely(
  code: string,
  path: string,
  parse: () => Promise<Package[] | AnalysisResult>,
): Promise<AnalysisResult> {
  try {
    const r = await parse();
    return Array.isArray(r) ? { packages: r } : r;
  } catch (e) {
    return fileWarning(code, path, e);
  }
}

/** Text of a file as UTF-8, without a byte-order mark. */
function text(buf: Buffer): string {
  const t = buf.toString('utf8');
  return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}

export interface FileAnalyzerSpec {
  id: string;
  version: number;
  maxSize?: number;
  required(path: string, info: FileInfo): boolean;
  /** the file's text → its packages; a throw becomes a warning naming the file */
  parse(text: string, path: string): Package[] | AnalysisResult;
}

/** An analyzer that parses one file into packages: the shape of every installed-metadata cataloger. */
export function fileAnalyzer(spec: FileAnalyzerSpec): Analyzer {
  const { parse, ...rest } = spec;
  return {
    ...rest,
    analyze: ({ path, read }) => safely(spec.id, path, async () => parse(text(await read()), path)),
  };
}

/**
 * A cataloger of executables (Go build info, cargo-auditable): which files it opens (maybeBinary) and
 * how large they may be are decided here, once for every binary cataloger.
 */
export function binaryAnalyzer(spec: {
  id: string;
  version: number;
  parse(bytes: Buffer, path: string): Package[];
}): Analyzer {
  return {
    id: spec.id,
    version: spec.version,
    maxSize: 1024 * 1024 * 1024,
    required: maybeBinary,
    analyze: ({ path, read }) => safely(spec.id, path, async () => spec.parse(await read(), path)),
  };
}

/** Dependency trees vendored into a project: their lockfiles describe the dependency's own build. */
const VENDORED = /(?:^|\/)(?:node_modules|vendor)\//;

/**
 * A lockfile or manifest cataloger: reads files by name (or a path test), in fs scans (and image/rootfs
 * scans with --include-lockfiles), never inside node_modules/ or vendor/.
 */
export function lockfileAnalyzer(
  spec: Omit<FileAnalyzerSpec, 'required'> & { names: readonly string[] | ((path: string) => boolean) },
): Analyzer {
  const { names, ...rest } = spec;
  const matches = typeof names === 'function' ? names : (path: string) => names.includes(basename(path));
  return {
    ...fileAnalyzer({ ...rest, required: (path) => matches(path) && !VENDORED.test(path) }),
    modes: ['fs'],
  };
}
