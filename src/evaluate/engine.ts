// The one check engine. A check is data (id, title, severity, kinds, message, remediation, framework
// mappings) plus either a function or a CEL expression over a normalised `Resource`. Packs
// (image/, dockerfile/, k8s/, compose/) turn their input into Resources and list their checks in an
// explicit registry; custom CEL policies become checks of the same shape. The engine runs every
// check whose kinds match, turns violations into MisconfigFindings with file, line and JSON path, and
// splits them into reported and suppressed (annotation, inline comment, external suppressor).
import type { MisconfigFinding, Severity, Warning } from '../core/types.js';
import { errorMessage } from '../core/errors.js';
import { compileCel, type CelProgram } from './cel.js';
import { findSuppression, type Suppressor } from './suppress.js';

/** Framework keys used in `MisconfigFinding.frameworks`. Values are control ids or names. */
export const FRAMEWORKS = {
  'cis-docker-1.6': 'CIS Docker Benchmark v1.6.0',
  'cis-k8s-1.12': 'CIS Kubernetes Benchmark v1.12',
  'pss-baseline': 'Pod Security Standards — Baseline',
  'pss-restricted': 'Pod Security Standards — Restricted',
  'nsa-cisa-1.2': 'NSA/CISA Kubernetes Hardening Guide v1.2',
  'nist-800-190': 'NIST SP 800-190',
} as const;
export type Framework = keyof typeof FRAMEWORKS;
export type FrameworkMap = Partial<Record<Framework, readonly string[]>>;

export type PathSeg = string | number;
export interface SourcePos {
  line: number;
  column: number;
}

/** Inline `palisade:ignore` comments of a file: line → ignore entries that apply to findings on it. */
export type InlineIgnores = ReadonlyMap<number, readonly IgnoreEntry[]>;
export interface IgnoreEntry {
  ids: readonly string[];
  reason?: string;
}

/** What every check sees. `object` is plain JSON (numbers, strings, arrays, objects). */
export interface Resource {
  /** `Dockerfile`, `ImageConfig`, `ComposeService`, or a Kubernetes kind (`Deployment`, …) */
  kind: string;
  /** display id, e.g. `Deployment/shop/web`, `Dockerfile`, `image-config`, `compose service web` */
  id: string;
  name?: string;
  namespace?: string;
  /** the file as the user named it (or the rendered source for Helm/Kustomize) */
  file?: string;
  /** for rendered sources (Helm template, kustomize build): the part of `file` the lines refer to */
  innerPath?: string;
  /** line where the resource starts in `file` (1-based) */
  line?: number;
  object: unknown;
  /** source position of a JSON path inside `object`; the nearest existing ancestor when absent */
  locate?(path: readonly PathSeg[]): SourcePos | undefined;
  /** `palisade.dev/ignore` annotation entries (Kubernetes) */
  ignores?: readonly IgnoreEntry[];
  inlineIgnores?: InlineIgnores;
  /** pack-specific extras (parsed Dockerfile, pod spec view, …) kept off `object` */
  extra?: unknown;
}

export interface Violation {
  /** specific message; the check's `message` when absent */
  message?: string;
  /** JSON path into `resource.object` */
  path?: readonly PathSeg[];
  /** explicit line (Dockerfile instructions); otherwise the path's position */
  line?: number;
}

export interface CheckContext {
  /** every resource of this evaluation (for checks that look across resources) */
  all: readonly Resource[];
  /** the resources of one kind (indexed once per evaluation) */
  byKind(kind: string): readonly Resource[];
  options: EvaluateOptions;
}

function kindIndex(resources: readonly Resource[]): (kind: string) => readonly Resource[] {
  let index: Map<string, Resource[]> | undefined;
  return (kind) => {
    if (!index) {
      index = new Map();
      for (const r of resources) {
        const list = index.get(r.kind);
        if (list) list.push(r);
        else index.set(r.kind, [r]);
      }
    }
    return index.get(kind) ?? [];
  };
}

interface CheckMeta {
  id: string;
  title: string;
  severity: Severity;
  /** resource kinds it applies to; `*` for every kind */
  kinds: readonly string[];
  /** default message of a violation */
  message: string;
  description?: string;
  remediation: string;
  frameworks: FrameworkMap;
  references?: readonly string[];
  /** origin shown in docs: built-in pack name or policy file */
  pack?: string;
}

export interface FunctionCheck extends CheckMeta {
  run(resource: Resource, ctx: CheckContext): Violation[];
}

/**
 * A check written in CEL, the ValidatingAdmissionPolicy way: `expression` is true when the resource
 * complies. Variables: `object` (the resource), `kind`, and for workloads `podSpec`/`podMeta`.
 */
export interface CelCheck extends CheckMeta {
  expression: string;
  /** JSON path reported with a violation */
  path?: readonly PathSeg[];
  /** restricts to namespaces (custom policies' match.namespaces) */
  namespaces?: readonly string[];
  /** where the expression came from, for error messages (`policy.yaml:12`) */
  source?: string;
  /** builds the CEL variables for a resource (packs add podSpec etc.); defaults to object/kind */
  variables?(resource: Resource): Record<string, unknown>;
}

export type Check = FunctionCheck | CelCheck;

export function isCelCheck(c: Check): c is CelCheck {
  return typeof (c as CelCheck).expression === 'string';
}

export interface EvaluateOptions {
  /** image registries workloads may pull from (PAL-K8S image registry check); empty = not checked */
  allowedRegistries?: readonly string[];
  /** external suppressors (project ignore file, VEX…) applied after inline/annotation ones */
  suppressors?: readonly Suppressor[];
  /** check ids to skip entirely */
  skip?: readonly string[];
}

export interface SuppressedMisconfig extends MisconfigFinding {
  suppression: { by: string; reason?: string };
}

export interface EvaluateResult {
  findings: MisconfigFinding[];
  suppressed: SuppressedMisconfig[];
  warnings: Warning[];
}

/** Compiled checks, ready to run many times (a CEL program is compiled once). */
export interface CompiledCheck {
  check: Check;
  run(resource: Resource, ctx: CheckContext): Violation[];
}

const celCache = new WeakMap<CelCheck, CelProgram>();

/** Compiles CEL checks; a compile error throws PalisadeError naming the check and position. */
export function compileCheck(check: Check): CompiledCheck {
  if (!isCelCheck(check)) return { check, run: (r, ctx) => check.run(r, ctx) };
  let program = celCache.get(check);
  if (!program) {
    program = compileCel(check.expression, check.source ? `${check.id} (${check.source})` : check.id);
    celCache.set(check, program);
  }
  const p = program;
  return {
    check,
    run(resource) {
      if (check.namespaces?.length && !check.namespaces.includes(resource.namespace ?? 'default')) return [];
      const vars = check.variables
        ? check.variables(resource)
        : { object: resource.object, kind: resource.kind };
      const ok = p.evaluate(vars);
      if (ok === true) return [];
      if (ok === false) return [{ path: check.path }];
      throw new Error(`expression returned ${typeof ok}, not bool`);
    },
  };
}

function appliesTo(check: Check, kind: string): boolean {
  return check.kinds.includes('*') || check.kinds.includes(kind);
}

export function jsonPathString(path: readonly PathSeg[] | undefined): string | undefined {
  if (!path || path.length === 0) return undefined;
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

export function toFinding(check: Check, resource: Resource, v: Violation): MisconfigFinding {
  const pos = v.line !== undefined ? { line: v.line, column: 1 } : v.path && resource.locate?.(v.path);
  const line = pos?.line ?? resource.line;
  const f: MisconfigFinding = {
    kind: 'misconfig',
    id: check.id,
    checkId: check.id,
    title: check.title,
    severity: check.severity,
    severitySource: 'palisade',
    description: v.message ?? check.message,
    resource: resource.id,
    remediation: check.remediation,
    // shared with the check (read-only): thousands of findings need no copies
    frameworks: check.frameworks as Record<string, string[]>,
  };
  if (resource.file !== undefined) {
    f.location = { path: resource.file };
    if (resource.innerPath !== undefined) f.location.innerPath = resource.innerPath;
    if (line !== undefined) f.location.line = line;
    if (pos && v.line === undefined && pos.column) f.location.column = pos.column;
  }
  const jp = jsonPathString(v.path);
  if (jp) f.jsonPath = jp;
  if (check.references?.length) f.references = [...check.references];
  return f;
}

/** Runs `checks` over `resources`. Never throws for a failing check: that becomes a warning. */
export function evaluate(
  resources: readonly Resource[],
  checks: readonly (Check | CompiledCheck)[],
  options: EvaluateOptions = {},
): EvaluateResult {
  const compiled = checks.map((c) =>
    'check' in c && 'run' in c && !('id' in c) ? c : compileCheck(c as Check),
  );
  const skip = new Set(options.skip ?? []);
  const ctx: CheckContext = { all: resources, byKind: kindIndex(resources), options };
  const out: EvaluateResult = { findings: [], suppressed: [], warnings: [] };
  // the checks that apply to each kind, computed once per kind
  const perKind = new Map<string, CompiledCheck[]>();
  const applicable = (kind: string) => {
    let list = perKind.get(kind);
    if (!list) {
      list = compiled.filter((c) => !skip.has(c.check.id) && appliesTo(c.check, kind));
      perKind.set(kind, list);
    }
    return list;
  };
  for (const r of resources) {
    for (const c of applicable(r.kind)) {
      let violations: Violation[];
      try {
        violations = c.run(r, ctx);
      } catch (e) {
        out.warnings.push({
          code: 'CHECK_ERROR',
          message: `check ${c.check.id} failed on ${r.id}${r.file ? ` (${r.file})` : ''}: ${errorMessage(e).split('\n')[0]}`,
          ...(r.file ? { location: { path: r.file, ...(r.line ? { line: r.line } : {}) } } : {}),
        });
        continue;
      }
      for (const v of violations) {
        const f = toFinding(c.check, r, v);
        const s = findSuppression(f, r, options.suppressors ?? []);
        if (s) out.suppressed.push({ ...f, suppression: s });
        else out.findings.push(f);
      }
    }
  }
  return out;
}
