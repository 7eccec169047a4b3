// Suppressions. A suppressed finding is kept (Report.suppressed) with who suppressed it and why; it
// is counted, never lost. Three sources, first match wins:
//   1. the resource annotation  palisade.dev/ignore: "PAL-K8S-012 reason=runs the CNI; PAL-K8S-003"
//   2. an inline comment        # palisade:ignore PAL-DF-003 reason=pinned by digest elsewhere
//      on the finding's line (trailing) or on the comment lines right above it (Dockerfile, YAML)
//   3. external suppressors     (the project-wide ignore file, VEX…) through `Suppressor`
import type { Finding } from '../core/types.js';
import type { IgnoreEntry, InlineIgnores, Resource } from './engine.js';

export const IGNORE_ANNOTATION = 'palisade.dev/ignore';

/** A source of suppressions outside the scanned files, e.g. the project's `.palisadeignore`. */
export interface Suppressor {
  /** shown in `suppression.by`, e.g. `.palisadeignore` */
  name: string;
  /** the reason when `finding` is suppressed, `undefined` when it is not */
  match(finding: Finding): { reason?: string } | undefined;
}

const ID_RE = /^[A-Za-z][A-Za-z0-9_.-]*-\d+$|^\*$/;

/**
 * Parses `ID[,ID…] [reason=text]` entries separated by `;` or newlines. Unknown tokens before
 * `reason=` are treated as ids only when they look like check ids; `*` matches every check.
 */
export function parseIgnoreSpec(spec: string): IgnoreEntry[] {
  const out: IgnoreEntry[] = [];
  for (const part of spec.split(/[;\n]/)) {
    const text = part.trim();
    if (!text) continue;
    const ri = text.search(/\breason\s*=/);
    const head = ri >= 0 ? text.slice(0, ri) : text;
    const reason =
      ri >= 0
        ? text
            .slice(ri)
            .replace(/^reason\s*=\s*/, '')
            .trim()
        : undefined;
    const ids = head
      .split(/[\s,]+/)
      .filter(Boolean)
      .filter((t) => ID_RE.test(t));
    if (ids.length === 0) continue;
    out.push(reason ? { ids, reason } : { ids });
  }
  return out;
}

const INLINE_RE = /#\s*palisade:ignore\b[:\s]*(.*)$/;

/**
 * Finds `# palisade:ignore …` comments in a text file. A trailing comment applies to its own line; a
 * comment alone on its line applies to the next line that is neither blank nor a comment.
 */
export function scanInlineIgnores(text: string): InlineIgnores {
  const map = new Map<number, IgnoreEntry[]>();
  if (!text.includes('palisade:ignore')) return map;
  const lines = text.split(/\r?\n/);
  let pending: IgnoreEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    const m = INLINE_RE.exec(line);
    const entries = m ? parseIgnoreSpec(m[1] ?? '') : [];
    if (trimmed.startsWith('#')) {
      pending.push(...entries);
      continue;
    }
    if (trimmed === '' || /^---(\s|$)/.test(trimmed)) continue;
    const here = [...pending, ...entries];
    pending = [];
    if (here.length) map.set(i + 1, here);
  }
  return map;
}

function matches(entries: readonly IgnoreEntry[] | undefined, id: string): IgnoreEntry | undefined {
  return entries?.find((e) => e.ids.includes(id) || e.ids.includes('*'));
}

export function findSuppression(
  f: Finding,
  r: Resource,
  suppressors: readonly Suppressor[],
): { by: string; reason?: string } | undefined {
  const viaAnnotation = matches(r.ignores, f.id);
  if (viaAnnotation) return withReason(`annotation ${IGNORE_ANNOTATION}`, viaAnnotation.reason);
  const line = f.location?.line;
  if (line !== undefined && r.inlineIgnores) {
    const viaComment = matches(r.inlineIgnores.get(line), f.id);
    if (viaComment) return withReason('inline comment palisade:ignore', viaComment.reason);
  }
  // a comment right above a YAML document or Compose service covers the whole resource
  if (r.line !== undefined && r.inlineIgnores) {
    const viaResource = matches(r.inlineIgnores.get(r.line), f.id);
    if (viaResource) return withReason('inline comment palisade:ignore', viaResource.reason);
  }
  for (const s of suppressors) {
    const m = s.match(f);
    if (m) return withReason(s.name, m.reason);
  }
  return undefined;
}

function withReason(by: string, reason: string | undefined): { by: string; reason?: string } {
  return reason ? { by, reason } : { by };
}
