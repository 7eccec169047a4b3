// The secret engine: one keyword prefilter pass over the bytes, then each rule's RE2 pattern only in
// small windows around its keywords' hits. Cost is linear in the file size (the automaton) plus bounded
// regex work per hit (re2js, linear in the window), so long lines, huge files and hostile patterns in
// user rules cannot hang a scan. Gitleaks and Trivy run every regex over the whole file instead (Trivy
// with Go's regexp over whole lines, which is why it stalls on minified bundles).
import { RE2JS, type Matcher } from 're2js';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import type { Severity } from '../../core/types.js';
import { shannonEntropy } from './entropy.js';
import { KeywordIndex } from './keyword-index.js';
import { redact } from './redact.js';
import type { SecretRule } from './rule.js';
import { isBinary } from './binary.js';

export const DEFAULT_SECRET_MAX_FILE_SIZE = 10 * 1024 * 1024;
/** keyword hits kept per keyword per file; a file of one keyword repeated costs at most this many windows */
const HITS_PER_KEYWORD = 5000;
/** matches reported per rule per file */
const MATCHES_PER_RULE = 100;
const DEFAULT_BEFORE = 256;
const DEFAULT_AFTER = 512;
const MAX_WINDOW = 64 * 1024;

export interface SecretMatch {
  ruleId: string;
  category: string;
  title: string;
  severity: Severity;
  /** 1-based line of the secret's first byte */
  line: number;
  /** 1-based byte column of the secret's first byte */
  column: number;
  /** byte offset of the secret */
  offset: number;
  /** first 4 characters then **** */
  redacted: string;
  /** the secret is a documented example value (reported with severity low) */
  example: boolean;
}

export interface SecretScanResult {
  matches: SecretMatch[];
  /** why a file was skipped or a scan cut short; one line each */
  notes: string[];
  /** false when the file was skipped (binary with no binary rule, too large) */
  scanned: boolean;
}

export interface SecretEngineOptions {
  /** files larger than this are skipped with a note (default 10 MiB) */
  maxFileSize?: number;
  /** global allowlist: paths not scanned at all, secrets never reported */
  allowlist?: { paths?: string[]; regexes?: string[] };
}

export interface ScanTarget {
  /** path used for rule path filters and allowlists */
  path: string;
  /**
   * the content is key=value configuration whatever its path (image Env, build args): rules limited to
   * configuration file paths apply
   */
  configLike?: boolean;
}

interface CompiledRule {
  rule: SecretRule;
  re: RE2JS;
  group: number;
  paths: RE2JS[];
  allowPaths: RE2JS[];
  allowRegexes: RE2JS[];
  stopwords: string[];
  examples: Set<string>;
  before: number;
  after: number;
  multiline: boolean;
  anchored: boolean;
  /** anchored patterns that open with a boundary alternative `(?:^|…)` start one byte before the keyword */
  lead: number;
}

function compileRe(pattern: string, what: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (e) {
    throw new PalisadeError(
      'INPUT',
      `${what}: invalid RE2 pattern ${JSON.stringify(pattern)}: ${errorMessage(e)}`,
    );
  }
}

function compileRule(rule: SecretRule): CompiledRule {
  const what = `secret rule ${rule.id}`;
  if (!rule.keywords.length) throw new PalisadeError('INPUT', `${what}: needs at least one keyword`);
  const re = compileRe(rule.regex, what);
  let group = 0;
  if (typeof rule.secretGroup === 'number') group = rule.secretGroup;
  else if (typeof rule.secretGroup === 'string') {
    const g = re.namedGroups()[rule.secretGroup];
    if (g === undefined)
      throw new PalisadeError('INPUT', `${what}: no capture group named ${rule.secretGroup}`);
    group = g;
  }
  if (group > re.groupCount()) throw new PalisadeError('INPUT', `${what}: no capture group ${group}`);
  const win = rule.window ?? {};
  return {
    rule,
    re,
    group,
    paths: (rule.paths ?? []).map((p) => compileRe(p, `${what} paths`)),
    allowPaths: (rule.allowlist?.paths ?? []).map((p) => compileRe(p, `${what} allowlist.paths`)),
    allowRegexes: (rule.allowlist?.regexes ?? []).map((p) => compileRe(p, `${what} allowlist.regexes`)),
    stopwords: (rule.allowlist?.stopwords ?? []).map((s) => s.toLowerCase()),
    examples: new Set(rule.examples ?? []),
    before: Math.min(win.before ?? DEFAULT_BEFORE, MAX_WINDOW),
    after: Math.min(win.after ?? DEFAULT_AFTER, MAX_WINDOW),
    multiline: win.multiline ?? false,
    anchored: rule.anchored ?? false,
    lead: rule.regex.startsWith('(?:^|') ? 1 : 0,
  };
}

/**
 * Values that name a secret instead of holding one (whole value): ${VAR}…, $VAR, $(cmd), {{ .x }}…,
 * %(x)s, <your-key>, ****, xxxx, ….
 */
const TEMPLATE = RE2JS.compile(
  '(?:\\$\\{[^}]*\\}.*|\\$[A-Za-z_][A-Za-z0-9_]*|\\$\\([^)]*\\)|\\{\\{.*|%\\(?[A-Za-z_]*\\)?s|<[^>]*>?|\\*+|[xX]{4,}|\\.{3,}.*)',
);

interface Span {
  start: number;
  end: number;
}

export class SecretEngine {
  readonly rules: readonly SecretRule[];
  readonly maxFileSize: number;
  private readonly compiled: CompiledRule[];
  private readonly index: KeywordIndex;
  /** keyword index → rules using it */
  private readonly keywordRules: number[][];
  private readonly globalAllowPaths: RE2JS[];
  private readonly globalAllowRegexes: RE2JS[];
  private readonly anyBinary: boolean;
  private readonly keywordLengths: number[];

  constructor(rules: readonly SecretRule[], opts: SecretEngineOptions = {}) {
    const ids = new Set<string>();
    for (const r of rules) {
      if (ids.has(r.id)) throw new PalisadeError('INPUT', `secret rule ${r.id}: defined twice`);
      ids.add(r.id);
    }
    this.rules = rules;
    this.maxFileSize = opts.maxFileSize ?? DEFAULT_SECRET_MAX_FILE_SIZE;
    this.compiled = rules.map(compileRule);
    const kwIds = new Map<string, number>();
    const keywords: string[] = [];
    this.keywordRules = [];
    this.compiled.forEach((c, ri) => {
      for (const raw of c.rule.keywords) {
        const kw = raw.toLowerCase();
        let k = kwIds.get(kw);
        if (k === undefined) {
          k = keywords.length;
          kwIds.set(kw, k);
          keywords.push(kw);
          this.keywordRules.push([]);
        }
        if (!this.keywordRules[k]!.includes(ri)) this.keywordRules[k]!.push(ri);
      }
    });
    this.index = new KeywordIndex(keywords);
    this.keywordLengths = keywords.map((k) => Buffer.byteLength(k));
    this.globalAllowPaths = (opts.allowlist?.paths ?? []).map((p) => compileRe(p, 'secret allowlist.paths'));
    this.globalAllowRegexes = (opts.allowlist?.regexes ?? []).map((p) =>
      compileRe(p, 'secret allowlist.regexes'),
    );
    this.anyBinary = rules.some((r) => r.binary);
  }

  /** Scans one file's bytes (or a string, e.g. an image config value). */
  scan(content: Buffer | string, target: ScanTarget): SecretScanResult {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const notes: string[] = [];
    const { path } = target;
    if (buf.length > this.maxFileSize) {
      notes.push(
        `secret scan skipped ${path}: ${buf.length} bytes is over the ${this.maxFileSize}-byte limit`,
      );
      return { matches: [], notes, scanned: false };
    }
    if (this.globalAllowPaths.some((re) => re.test(path))) return { matches: [], notes, scanned: false };
    const binary = isBinary(buf);
    if (binary && !this.anyBinary) return { matches: [], notes, scanned: false };

    const rules = this.applicableRules(path, binary, target.configLike ?? false);
    const enabled = new Uint8Array(this.index.keywords.length);
    this.keywordRules.forEach((ris, k) => {
      if (ris.some((ri) => rules[ri])) enabled[k] = 1;
    });
    const { hits, dropped } = this.index.search(buf, HITS_PER_KEYWORD, enabled);
    if (dropped > 0)
      notes.push(`secret scan of ${path}: ${dropped} keyword hits past the per-file limit were not examined`);
    if (hits.length === 0) return { matches: [], notes, scanned: true };

    // rule → its windows (searched) or its hit positions (anchored)
    const perRule = new Map<number, Span[]>();
    for (const h of hits) {
      const kwLen = this.keywordLengths[h.keyword]!;
      for (const ri of this.keywordRules[h.keyword]!) {
        if (!rules[ri]) continue;
        const c = this.compiled[ri]!;
        const span = c.anchored
          ? windowAround(buf, h.offset, h.offset + kwLen, c.lead, c.after, c.multiline)
          : windowAround(buf, h.offset, h.offset + kwLen, c.before, c.after, c.multiline);
        let list = perRule.get(ri);
        if (!list) perRule.set(ri, (list = []));
        list.push(span);
      }
    }

    const raw: (Omit<SecretMatch, 'line' | 'column'> & { end: number; generic: boolean })[] = [];
    for (const [ri, spans] of perRule) {
      const c = this.compiled[ri]!;
      const seen = new Set<number>();
      let count = 0;
      const take = (w: Span, m: Matcher): boolean => {
        const s = m.start(c.group);
        const e = m.end(c.group);
        if (s < 0 || e <= s) return true;
        const offset = w.start + s;
        if (seen.has(offset)) return true;
        seen.add(offset);
        // bytes → text: tokens are ASCII; anything else is decoded as UTF-8 for the redacted prefix
        const secret = buf.toString('utf8', offset, w.start + e);
        const verdict = this.judge(c, secret);
        if (verdict === 'drop') return true;
        if (++count > MATCHES_PER_RULE) {
          notes.push(
            `secret scan of ${path}: more than ${MATCHES_PER_RULE} matches of ${c.rule.id}; the rest are not reported`,
          );
          return false;
        }
        const example = verdict === 'example';
        raw.push({
          ruleId: c.rule.id,
          category: c.rule.category,
          title: example ? `${c.rule.title} (documented example value)` : c.rule.title,
          severity: example ? 'low' : c.rule.severity,
          offset,
          end: w.start + e,
          redacted: redact(secret),
          example,
          generic: c.rule.category === 'generic',
        });
        return true;
      };
      if (c.anchored) {
        for (const w of spans) {
          const m = c.re.matcher(buf.toString('latin1', w.start, w.end));
          if (m.lookingAt() && !take(w, m)) break;
        }
        continue;
      }
      for (const w of mergeSpans(spans)) {
        const m = c.re.matcher(buf.toString('latin1', w.start, w.end));
        let more = true;
        while (more && m.find()) more = take(w, m);
        if (!more) break;
      }
    }
    // a specific rule's match wins over a generic rule's match of the same bytes
    const specific = raw.filter((r) => !r.generic);
    const kept = raw.filter((r) => !r.generic || !specific.some((s) => s.offset < r.end && r.offset < s.end));
    kept.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
    const lines = new LineCounter(buf);
    const matches = kept.map(({ end: _end, generic: _g, ...m }) => {
      const { line, column } = lines.at(m.offset);
      return { ...m, line, column };
    });
    return { matches, notes, scanned: true };
  }

  private applicableRules(path: string, binary: boolean, configLike: boolean): Uint8Array {
    const out = new Uint8Array(this.compiled.length);
    this.compiled.forEach((c, ri) => {
      if (binary && !c.rule.binary) return;
      if (c.allowPaths.length && c.allowPaths.some((re) => re.test(path))) return;
      if (c.paths.length && !configLike && !c.paths.some((re) => re.test(path))) return;
      out[ri] = 1;
    });
    return out;
  }

  private judge(c: CompiledRule, secret: string): 'drop' | 'example' | 'report' {
    if (c.examples.has(secret)) return 'example';
    if (TEMPLATE.matches(secret)) return 'drop';
    if (c.allowRegexes.some((re) => re.test(secret))) return 'drop';
    if (this.globalAllowRegexes.some((re) => re.test(secret))) return 'drop';
    if (c.stopwords.length) {
      const lower = secret.toLowerCase();
      if (c.stopwords.some((w) => lower.includes(w))) return 'drop';
    }
    if (c.rule.entropy !== undefined && shannonEntropy(secret) < c.rule.entropy) return 'drop';
    // AWS's convention for documentation keys, followed by others (…EXAMPLE, …EXAMPLEKEY)
    if (secret.includes('EXAMPLE')) return 'example';
    return 'report';
  }
}

/** The window [start, end) around a keyword at [s, e): at most `before`/`after` bytes, within its line. */
function windowAround(
  buf: Buffer,
  s: number,
  e: number,
  before: number,
  after: number,
  multiline: boolean,
): Span {
  let start = Math.max(0, s - before);
  let end = Math.min(buf.length, e + after);
  if (!multiline) {
    for (let i = s - 1; i >= start; i--)
      if (buf[i] === 0x0a) {
        start = i + 1;
        break;
      }
    for (let i = e; i < end; i++)
      if (buf[i] === 0x0a) {
        end = i;
        break;
      }
  }
  return { start, end };
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Line and column of increasing offsets, counting newlines once over the buffer. */
class LineCounter {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  constructor(private readonly buf: Buffer) {}
  at(offset: number): { line: number; column: number } {
    if (offset < this.pos) {
      this.pos = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.pos);
      if (nl < 0 || nl >= offset) break;
      this.line++;
      this.lineStart = nl + 1;
      this.pos = nl + 1;
    }
    this.pos = Math.max(this.pos, this.lineStart);
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}
