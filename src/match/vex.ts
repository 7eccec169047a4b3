// VEX (Vulnerability Exploitability eXchange) input: OpenVEX (v0.0.x and v0.2.x) and CycloneDX VEX
// (a BOM's `vulnerabilities` with `analysis` and `affects`). Statements are normalised to one shape
// and applied to (vulnerability, product purl) pairs: `not_affected` and `fixed` suppress the
// finding with the justification kept; `affected` and `under_investigation` leave it reported. When
// several statements cover a pair, the latest (by timestamp, then document order) decides, as the
// OpenVEX spec says.
//
// A product is a package purl, or the scanned artifact (an OCI purl, its name or digest) with the
// package among its subcomponents (or no subcomponents: the whole artifact).
import { isObject, parseJsonDocument } from '../core/json.js';
import { readFile } from 'node:fs/promises';
import { fileReadError, PalisadeError } from '../core/errors.js';
import type { Artifact, Finding, Suppression, Suppressor, Warning } from '../core/types.js';
import { parsePurl, purlMatches } from './purl-match.js';

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
export const VEX_STATUSES: readonly VexStatus[] = [
  'not_affected',
  'affected',
  'fixed',
  'under_investigation',
];

/** OpenVEX v0.2.0 justification labels */
export const OPENVEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

/** CycloneDX 1.4+ impact-analysis justifications */
export const CDX_JUSTIFICATIONS = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;

/** OpenVEX → CycloneDX justification (CISA's "Vulnerability Exploitability eXchange (VEX) – Status Justifications" mapping) */
const OPENVEX_TO_CDX: Record<string, (typeof CDX_JUSTIFICATIONS)[number]> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

/** A justification in the CycloneDX vocabulary, whichever vocabulary it was written in. */
export function cdxJustification(j: string | undefined): (typeof CDX_JUSTIFICATIONS)[number] | undefined {
  if (!j) return undefined;
  if ((CDX_JUSTIFICATIONS as readonly string[]).includes(j)) return j as (typeof CDX_JUSTIFICATIONS)[number];
  return OPENVEX_TO_CDX[j];
}

export interface VexProduct {
  /** purl, or another identifier (image name, digest) */
  id: string;
  subcomponents: string[];
}

export interface VexStatement {
  vulnerability: string;
  aliases: string[];
  products: VexProduct[];
  status: VexStatus;
  justification?: string;
  /** impact statement (OpenVEX) / analysis detail (CycloneDX) */
  impact?: string;
  action?: string;
  timestamp?: string;
  /** file and statement index, for messages */
  source: string;
  /** position in load order: the tie-breaker after timestamp */
  order: number;
}

export interface VexDocument {
  format: 'openvex' | 'cyclonedx';
  source: string;
  statements: VexStatement[];
  warnings: Warning[];
}

type Json = Record<string, unknown>;
const asStr = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Detects OpenVEX vs CycloneDX and normalises its statements. */
export function parseVex(text: string, source: string): VexDocument {
  const doc = parseJsonDocument(text, source, 'an OpenVEX or CycloneDX VEX document');
  if (!isObject(doc))
    throw new PalisadeError('INPUT', `${source}: expected a JSON object (OpenVEX or CycloneDX VEX)`);
  const ctx = asStr(doc['@context']);
  if (ctx?.includes('openvex') || Array.isArray(doc.statements)) return parseOpenVex(doc, source);
  if (doc.bomFormat === 'CycloneDX') return parseCycloneDxVex(doc, source);
  throw new PalisadeError(
    'INPUT',
    `${source}: neither OpenVEX (@context openvex, statements) nor CycloneDX (bomFormat CycloneDX)`,
  );
}

export async function loadVex(path: string): Promise<VexDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw fileReadError(path, e);
  }
  return parseVex(text, path);
}

function openVexProduct(p: unknown): VexProduct | undefined {
  if (typeof p === 'string') return { id: p, subcomponents: [] };
  if (!isObject(p)) return undefined;
  const ids = isObject(p.identifiers) ? p.identifiers : {};
  const id = asStr(p['@id']) ?? asStr(ids.purl) ?? asStr(ids.cpe23) ?? asStr(ids.cpe22);
  if (!id) return undefined;
  const subs: string[] = [];
  for (const s of Array.isArray(p.subcomponents) ? p.subcomponents : []) {
    const sub =
      typeof s === 'string'
        ? s
        : isObject(s)
          ? (asStr(s['@id']) ?? asStr(isObject(s.identifiers) ? s.identifiers.purl : undefined))
          : undefined;
    if (sub) subs.push(sub);
  }
  return { id, subcomponents: subs };
}

function parseOpenVex(doc: Json, source: string): VexDocument {
  const out: VexDocument = { format: 'openvex', source, statements: [], warnings: [] };
  const docTime = asStr(doc.last_updated) ?? asStr(doc.timestamp);
  const list = Array.isArray(doc.statements) ? doc.statements : [];
  list.forEach((st: unknown, i) => {
    const where = `${source}: statement ${i + 1}`;
    if (!isObject(st)) {
      out.warnings.push({ code: 'VEX_INVALID', message: `${where}: not an object; skipped` });
      return;
    }
    const v = st.vulnerability;
    const name =
      typeof v === 'string' ? asStr(v) : isObject(v) ? (asStr(v.name) ?? asStr(v['@id'])) : undefined;
    const aliases =
      isObject(v) && Array.isArray(v.aliases)
        ? v.aliases.filter((a): a is string => typeof a === 'string')
        : [];
    const status = asStr(st.status) as VexStatus | undefined;
    const products = (Array.isArray(st.products) ? st.products : [])
      .map(openVexProduct)
      .filter((p): p is VexProduct => !!p);
    // v0.0.1 put subcomponents beside products
    if (Array.isArray(st.subcomponents)) {
      const subs = st.subcomponents.filter((s): s is string => typeof s === 'string');
      for (const p of products) p.subcomponents.push(...subs);
    }
    if (!name || !status || !VEX_STATUSES.includes(status) || !products.length) {
      out.warnings.push({
        code: 'VEX_INVALID',
        message: `${where}: needs a vulnerability, a status (${VEX_STATUSES.join(', ')}) and products; skipped`,
      });
      return;
    }
    const justification = asStr(st.justification);
    const impact = asStr(st.impact_statement);
    if (status === 'not_affected' && !justification && !impact)
      out.warnings.push({
        code: 'VEX_INVALID',
        message: `${where}: not_affected without a justification or impact_statement (required by OpenVEX); applied anyway`,
      });
    out.statements.push({
      vulnerability: name,
      aliases,
      products,
      status,
      ...(justification ? { justification } : {}),
      ...(impact ? { impact } : {}),
      ...(asStr(st.action_statement) ? { action: asStr(st.action_statement)! } : {}),
      ...((asStr(st.last_updated) ?? asStr(st.timestamp) ?? docTime)
        ? { timestamp: (asStr(st.last_updated) ?? asStr(st.timestamp) ?? docTime)! }
        : {}),
      source: where,
      order: i,
    });
  });
  return out;
}

const CDX_STATE: Record<string, VexStatus> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

function walkComponents(list: unknown, into: Map<string, string>): void {
  if (!Array.isArray(list)) return;
  for (const c of list) {
    if (!isObject(c)) continue;
    const ref = asStr(c['bom-ref']);
    const purl = asStr(c.purl);
    if (ref && purl) into.set(ref, purl);
    walkComponents(c.components, into);
  }
}

/** `urn:cdx:serial/version#bom-ref` (a BOM-Link) or a plain bom-ref → purl, when one can be found */
function resolveRef(ref: string, purlOf: Map<string, string>): string {
  let r = ref;
  if (r.startsWith('urn:cdx:')) {
    const hash = r.indexOf('#');
    if (hash >= 0) {
      try {
        r = decodeURIComponent(r.slice(hash + 1));
      } catch {
        r = r.slice(hash + 1);
      }
    }
  }
  return purlOf.get(r) ?? r;
}

function parseCycloneDxVex(doc: Json, source: string): VexDocument {
  const out: VexDocument = { format: 'cyclonedx', source, statements: [], warnings: [] };
  const purlOf = new Map<string, string>();
  if (isObject(doc.metadata)) walkComponents([doc.metadata.component], purlOf);
  walkComponents(doc.components, purlOf);
  const docTime = isObject(doc.metadata) ? asStr(doc.metadata.timestamp) : undefined;
  const list = Array.isArray(doc.vulnerabilities) ? doc.vulnerabilities : [];
  list.forEach((v: unknown, i) => {
    const where = `${source}: vulnerability ${i + 1}`;
    if (!isObject(v)) return;
    const id = asStr(v.id);
    const analysis = isObject(v.analysis) ? v.analysis : undefined;
    const state = analysis ? asStr(analysis.state) : undefined;
    if (!id || !state) return; // a BOM's plain vulnerability list (no analysis) states nothing to apply
    const status = CDX_STATE[state];
    if (!status) {
      out.warnings.push({
        code: 'VEX_INVALID',
        message: `${where}: unknown analysis state ${JSON.stringify(state)}; skipped`,
      });
      return;
    }
    const products: VexProduct[] = [];
    for (const a of Array.isArray(v.affects) ? v.affects : [])
      if (isObject(a) && asStr(a.ref))
        products.push({ id: resolveRef(asStr(a.ref)!, purlOf), subcomponents: [] });
    if (!products.length) {
      out.warnings.push({ code: 'VEX_INVALID', message: `${where} (${id}): no affects[].ref; skipped` });
      return;
    }
    const aliases: string[] = [];
    for (const r of Array.isArray(v.references) ? v.references : [])
      if (isObject(r) && asStr(r.id)) aliases.push(asStr(r.id)!);
    const justification = asStr(analysis!.justification);
    const detail = asStr(analysis!.detail);
    const responses = Array.isArray(analysis!.response)
      ? analysis!.response.filter((x): x is string => typeof x === 'string')
      : [];
    const time = asStr(analysis!.lastUpdated) ?? asStr(v.updated) ?? docTime;
    out.statements.push({
      vulnerability: id,
      aliases,
      products,
      status,
      ...(justification ? { justification } : {}),
      ...(detail ? { impact: detail } : state === 'false_positive' ? { impact: 'false positive' } : {}),
      ...(responses.length ? { action: responses.join(', ') } : {}),
      ...(time ? { timestamp: time } : {}),
      source: where,
      order: i,
    });
  });
  return out;
}

function artifactIds(
  a: Pick<Artifact, 'name' | 'digest' | 'imageId' | 'repoTags' | 'repoDigests'> | undefined,
): Set<string> {
  const s = new Set<string>();
  if (!a) return s;
  for (const x of [a.name, a.digest, a.imageId, ...(a.repoTags ?? []), ...(a.repoDigests ?? [])])
    if (x) s.add(x);
  return s;
}

/** An OCI purl (pkg:oci/name@sha256:…) or a plain name/digest naming the scanned artifact */
function isArtifact(
  id: string,
  ids: Set<string>,
  a: Pick<Artifact, 'digest' | 'imageId'> | undefined,
): boolean {
  if (ids.has(id)) return true;
  const p = id.startsWith('pkg:') ? parsePurl(id) : undefined;
  if (p?.type !== 'oci' && p?.type !== 'docker') return false;
  if (p.version) return p.version === a?.digest || p.version === a?.imageId;
  // pkg:oci/app (no digest): any image of that repository name
  for (const x of ids)
    if (
      x
        .replace(/[@:][^/]*$/, '')
        .split('/')
        .pop() === p.name
    )
      return true;
  return false;
}

function statementCovers(st: VexStatement, f: Finding, ids: Set<string>, a: Artifact | undefined): boolean {
  if (f.kind !== 'vulnerability') return false;
  const vids = new Set([st.vulnerability, ...st.aliases].map((x) => x.toUpperCase()));
  if (![f.id, ...(f.aliases ?? [])].some((x) => vids.has(x.toUpperCase()))) return false;
  for (const p of st.products) {
    if (p.id.startsWith('pkg:') && purlMatches(p.id, f.pkg.purl)) return true;
    if (isArtifact(p.id, ids, a)) {
      if (!p.subcomponents.length) return true;
      if (p.subcomponents.some((s) => purlMatches(s, f.pkg.purl))) return true;
    }
  }
  return false;
}

/** The statement that decides for a finding: the latest one that covers it. */
export function decidingStatement(
  statements: readonly VexStatement[],
  f: Finding,
  artifact?: Artifact,
): VexStatement | undefined {
  const ids = artifactIds(artifact);
  let best: VexStatement | undefined;
  for (const st of statements) {
    if (!statementCovers(st, f, ids, artifact)) continue;
    if (
      !best ||
      (st.timestamp ?? '') > (best.timestamp ?? '') ||
      ((st.timestamp ?? '') === (best.timestamp ?? '') && st.order >= best.order)
    )
      best = st;
  }
  return best;
}

/** VEX documents as a Suppressor: not_affected and fixed statements suppress, keeping why. */
export function vexSuppressor(docs: readonly VexDocument[], artifact?: Artifact): Suppressor {
  let order = 0;
  const statements = docs.flatMap((d) => d.statements.map((s) => ({ ...s, order: order++ })));
  return {
    name: 'vex',
    match(f): Omit<Suppression, 'by'> | undefined {
      const st = decidingStatement(statements, f, artifact);
      if (!st || (st.status !== 'not_affected' && st.status !== 'fixed')) return undefined;
      const reason = st.impact ?? st.action;
      return {
        status: st.status,
        source: st.source,
        ...(st.justification ? { justification: st.justification } : {}),
        ...(reason ? { reason } : {}),
      };
    },
  };
}
