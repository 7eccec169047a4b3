// The project ignore file, `.palisadeignore` (YAML): a list of entries, each naming what it ignores by
// any of `id` (vulnerability id or alias, secret/malware rule id, check id), `check` (a misconfig
// check id only), `purl` (a package; without a version it covers every version; qualifiers given must
// match), `path` (a glob over the finding's file or the package's manifest: `*` within a segment, `**`
// across segments), optionally `kind`; every condition given must hold. `reason` is required: an
// ignore without one cannot be reviewed. `expires` (YYYY-MM-DD) ends the entry after that day (UTC),
// and a warning says it no longer applies, so forgotten risk acceptances resurface.
//
//   - id: CVE-2023-45853
//     purl: pkg:deb/debian/zlib1g
//     reason: minizip is not shipped in this image
//     expires: 2026-06-30
//   - path: "usr/share/doc/**"
//     kind: secret
//     reason: example keys in upstream documentation
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { fileReadError, PalisadeError } from '../core/errors.js';
import type { Finding, FindingKind, Suppression, Suppressor, Warning } from '../core/types.js';
import { globMatch } from '../runtime/rules/glob.js';
import { purlMatches } from './purl-match.js';

import { IGNORE_FILE } from './ignore-file-name.js';

export { IGNORE_FILE };
const MAX_BYTES = 4 * 1024 * 1024;
const KINDS: readonly FindingKind[] = ['vulnerability', 'secret', 'misconfig', 'malware', 'license'];
const KEYS = new Set(['id', 'check', 'purl', 'path', 'kind', 'reason', 'expires']);

export interface IgnoreEntry {
  id?: string;
  check?: string;
  purl?: string;
  path?: string;
  kind?: FindingKind;
  reason: string;
  /** YYYY-MM-DD */
  expires?: string;
  /** where it was written: "file:line" */
  at: string;
}

export interface IgnoreFile {
  source: string;
  entries: IgnoreEntry[];
}

function lineOf(lc: LineCounter, node: Node | null | undefined): number {
  const off = node?.range?.[0];
  return off === undefined ? 0 : lc.linePos(off).line;
}

/** Parses an ignore file; a malformed file or entry is a usage error naming the file and line. */
export function parseIgnoreFile(text: string, source: string): IgnoreFile {
  if (text.length > MAX_BYTES)
    throw new PalisadeError('INPUT', `${source}: larger than 4 MiB; not an ignore file`);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new PalisadeError(
      'INPUT',
      `${source}:${e.linePos?.[0]?.line ?? 1}: not valid YAML (${e.message.split('\n')[0]})`,
    );
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new PalisadeError('INPUT', `${source}: ${(e as Error).message.split('\n')[0]}`);
  }
  let list: Node | null | undefined = doc.contents as Node | null;
  if (isMap(list)) {
    const extra = Object.keys(js as object).filter((k) => k !== 'ignore' && k !== 'version');
    if (extra.length)
      throw new PalisadeError(
        'INPUT',
        `${source}: unknown top-level key ${JSON.stringify(extra[0])} (expected a list of entries, or "ignore:")`,
      );
    list = list.get('ignore', true) as Node | undefined;
    js = (js as Record<string, unknown>).ignore;
  }
  if (list === null || list === undefined || js === null || js === undefined) return { source, entries: [] };
  if (!isSeq(list) || !Array.isArray(js))
    throw new PalisadeError('INPUT', `${source}: expected a list of ignore entries`);
  const entries: IgnoreEntry[] = [];
  list.items.forEach((item, i) => {
    const at = `${source}:${lineOf(lc, item as Node)}`;
    const raw: unknown = js[i];
    if (!isMap(item) || typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new PalisadeError(
        'INPUT',
        `${at}: an ignore entry must be a mapping (id:, purl:, path:, reason:…)`,
      );
    entries.push(validateEntry(raw as Record<string, unknown>, at));
  });
  return { source, entries };
}

function str(raw: Record<string, unknown>, k: string, at: string): string | undefined {
  const v = raw[k];
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date && k === 'expires') return v.toISOString().slice(0, 10);
  if (typeof v !== 'string' && typeof v !== 'number')
    throw new PalisadeError('INPUT', `${at}: "${k}" must be a string`);
  const s = String(v).trim();
  if (!s) throw new PalisadeError('INPUT', `${at}: "${k}" is empty`);
  return s;
}

function validateEntry(raw: Record<string, unknown>, at: string): IgnoreEntry {
  for (const k of Object.keys(raw))
    if (!KEYS.has(k))
      throw new PalisadeError(
        'INPUT',
        `${at}: unknown key ${JSON.stringify(k)} (allowed: ${[...KEYS].join(', ')})`,
      );
  const e: IgnoreEntry = { reason: '', at };
  const id = str(raw, 'id', at);
  const check = str(raw, 'check', at);
  const purl = str(raw, 'purl', at);
  const path = str(raw, 'path', at);
  const kind = str(raw, 'kind', at);
  const reason = str(raw, 'reason', at);
  const expires = str(raw, 'expires', at);
  if (!id && !check && !purl && !path)
    throw new PalisadeError('INPUT', `${at}: an entry needs at least one of id, check, purl, path`);
  if (!reason) throw new PalisadeError('INPUT', `${at}: "reason" is required (why is this accepted?)`);
  if (purl && !/^pkg:[A-Za-z0-9.+-]+\/./.test(purl))
    throw new PalisadeError(
      'INPUT',
      `${at}: purl ${JSON.stringify(purl)} is not a package URL (pkg:type/name)`,
    );
  if (kind && !(KINDS as readonly string[]).includes(kind))
    throw new PalisadeError('INPUT', `${at}: kind ${JSON.stringify(kind)} is not one of ${KINDS.join(', ')}`);
  if (expires) {
    if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(expires) || Number.isNaN(Date.parse(expires.slice(0, 10))))
      throw new PalisadeError(
        'INPUT',
        `${at}: expires ${JSON.stringify(expires)} is not a date (YYYY-MM-DD)`,
      );
    e.expires = expires.slice(0, 10);
  }
  if (id) e.id = id;
  if (check) e.check = check;
  if (purl) e.purl = purl;
  if (path) e.path = path.replace(/^\/+/, '');
  if (kind) e.kind = kind as FindingKind;
  e.reason = reason;
  return e;
}

/** `name` is how messages call the file (default: its path). */
export async function loadIgnoreFile(path: string, name = path): Promise<IgnoreFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw fileReadError(path, e);
  }
  return parseIgnoreFile(text, name);
}

/**
 * Path glob over '/'-separated paths: `**` spans any number of segments, `*`, `?` and `[…]` match
 * within one segment (gitignore-like). Segments are matched with the linear fnmatch of the runtime
 * rules and `**` with a memo, so a hostile path never makes this backtrack exponentially.
 */
export function pathGlob(pattern: string, path: string): boolean {
  const ps = pattern.split('/').filter(Boolean);
  const ss = path.split('/').filter(Boolean);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (ss.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === ps.length) r = j === ss.length;
    else if (ps[i] === '**') r = go(i + 1, j) || (j < ss.length && go(i, j + 1));
    else r = j < ss.length && globMatch(ps[i]!, ss[j]!) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  // a pattern without '/' matches the base name anywhere, as in .gitignore
  if (ps.length === 1 && !pattern.includes('/') && ps[0] !== '**')
    return ss.some((s) => globMatch(ps[0]!, s));
  return go(0, 0);
}

function findingIds(f: Finding): string[] {
  return f.kind === 'vulnerability' ? [f.id, ...(f.aliases ?? [])] : [f.id];
}

function findingPaths(f: Finding): string[] {
  const out: string[] = [];
  const add = (p: string | undefined, inner?: string) => {
    if (!p) return;
    out.push(p.replace(/^\/+/, ''));
    if (inner) out.push(`${p.replace(/^\/+/, '')}!/${inner}`);
  };
  add(f.location?.path, f.location?.innerPath);
  if (f.kind === 'vulnerability') for (const l of f.locations ?? []) add(l.path, l.innerPath);
  return out;
}

export function entryMatches(e: IgnoreEntry, f: Finding): boolean {
  if (e.kind && f.kind !== e.kind) return false;
  if (e.id && !findingIds(f).some((x) => x.toLowerCase() === e.id!.toLowerCase())) return false;
  if (e.check && (f.kind !== 'misconfig' || f.checkId !== e.check)) return false;
  if (e.purl) {
    if (f.kind !== 'vulnerability' && f.kind !== 'license') return false;
    if (!purlMatches(e.purl, f.pkg.purl)) return false;
  }
  if (e.path && !findingPaths(f).some((p) => pathGlob(e.path!, p))) return false;
  return true;
}

/**
 * The ignore file as a Suppressor. Entries past their expiry do not apply; each expired entry adds
 * one warning to `warnings`.
 */
export function ignoreFileSuppressor(
  file: IgnoreFile,
  opts: { now?: Date; warnings?: Warning[] } = {},
): Suppressor {
  const today = (opts.now ?? new Date()).toISOString().slice(0, 10);
  const live: IgnoreEntry[] = [];
  for (const e of file.entries) {
    if (e.expires && e.expires < today) {
      opts.warnings?.push({
        code: 'IGNORE_EXPIRED',
        message: `${e.at}: ignore entry for ${e.id ?? e.check ?? e.purl ?? e.path} expired on ${e.expires}; it no longer applies`,
        location: { path: file.source, line: Number(e.at.slice(e.at.lastIndexOf(':') + 1)) || 1 },
      });
      continue;
    }
    live.push(e);
  }
  return {
    name: IGNORE_FILE,
    match(f): Omit<Suppression, 'by'> | undefined {
      const e = live.find((x) => entryMatches(x, f));
      if (!e) return undefined;
      return { reason: e.reason, source: e.at, ...(e.expires ? { expires: e.expires } : {}) };
    },
  };
}
