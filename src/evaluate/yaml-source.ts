// YAML (and JSON, a subset of YAML 1.2) with source positions, for Kubernetes manifests, Compose files
// and policy files. Hostile input is bounded and reported as warnings, never a crash or a hang:
//   - a file over `maxFileBytes` or a document over `maxDocBytes` is skipped (the API server itself
//     refuses objects over 3 MiB);
//   - aliases are shared, never copied, and their expansion is counted: more than `maxAliasCount`
//     expansions (an alias inside an aliased node counts each time its container is expanded) or more
//     than `maxAliasNodes` nodes added by aliases refuse the document (billion laughs, and the quadratic
//     variant: a large anchored list aliased many times);
//   - nesting deeper than `maxDepth` (counted through aliases) is refused; the parser stops at that
//     depth, so nothing recurses further;
//   - duplicate keys are reported with their line (the last value wins, as in Go's decoders).
// Documents are split on `---` lines before parsing, so one bad document does not hide the others and
// each one's cost is bounded by its own size.
//
// Why js-yaml's event parser and our own construction, not the `yaml` package's document API: on 1,000
// Kubernetes resources (750 kB, bench/config.mjs) `yaml`'s parseDocument + toJS takes ~950 ms of CPU
// on this machine, its CST parser alone ~480 ms and its lexer alone ~200 ms; js-yaml 5's parseEvents
// (a flat event list with source offsets, passing the YAML test suite) takes ~165 ms. The offsets are
// all we need for positions, so building plain objects plus a small per-collection offset index from
// the events ourselves costs little over that; js-yaml's own constructor keeps no positions, throws on
// the first duplicate key and counts aliases without weighing what they expand to. JSON needs no
// separate fast path: it goes through the same event parser at the same speed per byte
// (yaml-source.test.ts compares the values with the `yaml` package's on tricky input).
import {
  boolCoreTag,
  boolYaml11Tag,
  EVENT_ID,
  floatCoreTag,
  getScalarValue,
  intCoreTag,
  NOT_RESOLVED,
  nullCoreTag,
  parseEvents,
  SCALAR_STYLE,
  type Event,
  type ScalarEvent,
  type ScalarTagDefinition,
} from 'js-yaml';
import type { Location, Warning } from '../core/types.js';
import { errorMessage } from '../core/errors.js';
import type { PathSeg, SourcePos } from './engine.js';

/**
 * Plain scalars resolve by the YAML 1.2 core schema plus the YAML 1.1 booleans: Kubernetes reads
 * manifests with go-yaml v2 (sigs.k8s.io/yaml), where `privileged: yes` or `hostNetwork: on` is
 * `true`; Compose (yaml.v3) does the same for boolean fields. Reading them as strings would hide
 * exactly those settings. The rest of YAML 1.1 (sexagesimal `8080:80`, `0777` octal, …) stays out:
 * neither consumer applies it to the fields we check.
 */
const IMPLICIT_TAGS: readonly ScalarTagDefinition[] = [
  nullCoreTag,
  boolCoreTag,
  boolYaml11Tag,
  intCoreTag,
  floatCoreTag,
];
const IMPLICIT_BY_FIRST = new Map<string, ScalarTagDefinition[]>();
for (const t of IMPLICIT_TAGS)
  for (const c of t.implicitFirstChars ?? []) {
    const list = IMPLICIT_BY_FIRST.get(c) ?? [];
    list.push(t);
    IMPLICIT_BY_FIRST.set(c, list);
  }
const EXPLICIT_TAGS = new Map<string, ScalarTagDefinition>([
  ['tag:yaml.org,2002:null', nullCoreTag],
  ['tag:yaml.org,2002:bool', boolYaml11Tag],
  ['tag:yaml.org,2002:int', intCoreTag],
  ['tag:yaml.org,2002:float', floatCoreTag],
]);
const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';

function resolvePlain(s: string): unknown {
  const tags = IMPLICIT_BY_FIRST.get(s.charAt(0));
  if (tags)
    for (const t of tags) {
      const v: unknown = t.resolve(s, false, t.tagName);
      if (v !== NOT_RESOLVED) return v;
    }
  return s;
}

export interface YamlLimits {
  maxFileBytes: number;
  maxDocBytes: number;
  /** alias expansions per document; an alias inside an aliased node counts once per expansion */
  maxAliasCount: number;
  /** nodes that aliases add to a document, counted through nested aliases */
  maxAliasNodes?: number;
  maxDepth: number;
  maxDocuments: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDocBytes: 3 * 1024 * 1024,
  // Compose files reuse `x-…` anchors in every service (`<<: *defaults`): a few hundred plain uses are
  // normal; a billion-laughs document passes 1,000 at its fourth level
  maxAliasCount: 1000,
  maxAliasNodes: 1_000_000,
  maxDepth: 128,
  maxDocuments: 100_000,
};

export interface YamlDoc {
  /** 0-based index of the document in the file */
  index: number;
  value: unknown;
  /** line of the document's first content (1-based) */
  line: number;
  locate(path: readonly PathSeg[]): SourcePos | undefined;
}

export interface YamlLoadResult {
  docs: YamlDoc[];
  warnings: Warning[];
}

interface Chunk {
  text: string;
  /** line number (1-based) of the chunk's first line in the file */
  firstLine: number;
}

const DOC_START = /^---(?=\s|$)/;
const ONLY_DIRECTIVES = /^(?:\s*(?:%.*|#.*)?(?:\n|$))*$/;

function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    if (DOC_START.test(text.slice(pos, Math.min(end, pos + 4))) && pos > start) {
      const head = text.slice(start, pos);
      // `%YAML`/`%TAG` directives belong to the document their `---` opens
      if (!(head.includes('%') && ONLY_DIRECTIVES.test(head))) {
        chunks.push({ text: head, firstLine: startLine });
        start = pos;
        startLine = line;
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
    line++;
  }
  chunks.push({ text: text.slice(start), firstLine: startLine });
  return chunks;
}

function warn(code: string, message: string, path: string, line?: number): Warning {
  const location: Location = { path };
  if (line !== undefined) location.line = line;
  return { code, message, location };
}

/** offset → 1-based line/column inside one chunk, built on first use */
class Lines {
  private starts: number[] | undefined;
  constructor(
    private readonly text: string,
    private readonly lineOffset: number,
  ) {}
  pos(off: number): SourcePos {
    if (!this.starts) {
      const s = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) s.push(i + 1);
      this.starts = s;
    }
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + this.lineOffset, column: off - s[lo]! + 1 };
  }
}

/** A problem found while building values from events: offset into the chunk, and what. */
class BuildError extends Error {
  constructor(
    readonly code: 'YAML_ERROR' | 'LIMIT',
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
/** per collection: offset of each key (mappings) or item (sequences); -1 when unknown */
type Offsets = Map<string, number> | number[];

interface Anchor {
  value: unknown;
  /** alias expansions inside the anchored node, counted through nested aliases */
  aliases: number;
  nodes: number;
  height: number;
  done: boolean;
  /** aliases of this anchor so far */
  uses: number;
}

interface Frame {
  seq: boolean;
  value: Obj | unknown[];
  offsets: Offsets;
  start: number;
  anchor: string | undefined;
  aliases: number;
  nodes: number;
  height: number;
  // mappings: the key waiting for its value
  hasKey: boolean;
  key: string;
  keyOff: number;
  keyIsMerge: boolean;
  /** keys that came from `<<` merges: an explicit key may replace them without being a duplicate */
  merged: Set<string> | undefined;
}

interface Built {
  value: unknown;
  start: number;
  offsets: Map<object, Offsets>;
  duplicates: { key: string; offset: number }[];
}

/** Where a node starts: the opening quote of a quoted scalar, the `|`/`>` header of a block scalar. */
function eventStart(e: Event, src: string): number {
  if (e.type === EVENT_ID.SCALAR) {
    if (e.valueStart < 0) return e.anchorStart;
    if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED)
      return e.valueStart - 1;
    if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) {
      const ind = e.style === SCALAR_STYLE.LITERAL_BLOCK ? '|' : '>';
      const lo = Math.max(e.tagEnd, e.anchorEnd, 0);
      for (let i = e.valueStart - 1; i >= lo; i--) if (src[i] === ind) return i;
    }
    return e.valueStart;
  }
  if (e.type === EVENT_ID.ALIAS) return e.anchorStart - 1;
  if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) return e.start;
  return -1;
}

function setKey(o: Obj, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

function keyString(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Builds the documents of one event stream: plain JSON-like values, an offset index per collection
 * (keyed by the collection object; an aliased collection is shared and keeps its anchor's offsets),
 * duplicate keys, with alias expansion and depth bounded.
 */
function build(events: Event[], src: string, limits: YamlLimits): Built[] {
  const maxAliasNodes = limits.maxAliasNodes ?? DEFAULT_YAML_LIMITS.maxAliasNodes!;
  const docs: Built[] = [];
  let offsets = new Map<object, Offsets>();
  let duplicates: Built['duplicates'] = [];
  let anchors = new Map<string, Anchor>();
  let tagHandles: Record<string, string> = {};
  let aliasNodes = 0;
  let docValue: unknown = undefined;
  let docStart = -1;
  let docHeight = 0;
  const frames: Frame[] = [];

  const tagName = (start: number, end: number): string => {
    const raw = src.slice(start, end);
    if (raw.startsWith('!<') && raw.endsWith('>')) return raw.slice(2, -1);
    const h = raw.indexOf('!', 1);
    const handle = h < 0 ? '!' : raw.slice(0, h + 1);
    const prefix = tagHandles[handle] ?? (handle === '!!' ? YAML_TAG_PREFIX : handle);
    return prefix + raw.slice(handle.length);
  };

  const scalar = (e: ScalarEvent): unknown => {
    const s = getScalarValue(src, e);
    if (e.tagStart >= 0) {
      const tag = tagName(e.tagStart, e.tagEnd);
      const t = EXPLICIT_TAGS.get(tag);
      if (t) {
        const v: unknown = t.resolve(s, true, tag);
        if (v === NOT_RESOLVED)
          throw new BuildError(
            'YAML_ERROR',
            `cannot read "${s}" as !!${tag.slice(YAML_TAG_PREFIX.length)}`,
            e.valueStart,
          );
        return v;
      }
      return s; // !!str, `!`, and tags of other applications (`!Ref`…) read as the text they tag
    }
    return e.style === SCALAR_STYLE.PLAIN ? resolvePlain(s) : s;
  };

  const merge = (f: Frame, src0: unknown, off: number): void => {
    const sources = Array.isArray(src0) ? src0 : [src0];
    for (const m of sources) {
      if (m === null || typeof m !== 'object' || Array.isArray(m))
        throw new BuildError('YAML_ERROR', 'a merge key (<<) takes a mapping or a list of mappings', off);
      const srcOffsets = offsets.get(m) as Map<string, number> | undefined;
      const target = f.value as Obj;
      const own = f.offsets as Map<string, number>;
      for (const k of Object.keys(m)) {
        if (own.has(k)) continue; // explicit keys, and earlier merge sources, win
        setKey(target, k, (m as Obj)[k]);
        own.set(k, srcOffsets?.get(k) ?? off);
        (f.merged ??= new Set()).add(k);
      }
    }
  };

  /** adds a finished node to its parent (or the document) */
  const add = (
    v: unknown,
    off: number,
    nodes: number,
    height: number,
    aliases: number,
    isMergeKey = false,
  ): void => {
    const f = frames[frames.length - 1];
    if (!f) {
      docValue = v;
      docStart = off;
      docHeight = height;
      return;
    }
    f.nodes += nodes;
    f.aliases += aliases;
    if (height + 1 > f.height) f.height = height + 1;
    if (f.seq) {
      (f.value as unknown[]).push(v);
      (f.offsets as number[]).push(off);
    } else if (!f.hasKey) {
      f.hasKey = true;
      f.key = keyString(v);
      f.keyOff = off;
      f.keyIsMerge = isMergeKey;
    } else {
      f.hasKey = false;
      if (f.keyIsMerge) return merge(f, v, f.keyOff);
      const own = f.offsets as Map<string, number>;
      if (own.has(f.key)) {
        if (f.merged?.has(f.key)) f.merged.delete(f.key);
        else duplicates.push({ key: f.key, offset: f.keyOff });
      }
      setKey(f.value as Obj, f.key, v);
      own.set(f.key, f.keyOff);
    }
  };

  for (const e of events) {
    switch (e.type) {
      case EVENT_ID.DOCUMENT:
        offsets = new Map();
        duplicates = [];
        anchors = new Map();
        aliasNodes = 0;
        docValue = undefined;
        docStart = -1;
        docHeight = 0;
        tagHandles = {};
        for (const d of e.directives) if (d.kind === 'tag') tagHandles[d.handle] = d.prefix;
        frames.length = 0; // the document's own POP finds no frame
        break;
      case EVENT_ID.SCALAR: {
        const v = scalar(e);
        const off = eventStart(e, src);
        if (e.anchorStart >= 0)
          anchors.set(src.slice(e.anchorStart, e.anchorEnd), {
            value: v,
            aliases: 0,
            nodes: 1,
            height: 0,
            done: true,
            uses: 0,
          });
        const f = frames[frames.length - 1];
        const isMerge =
          f !== undefined &&
          !f.seq &&
          !f.hasKey &&
          v === '<<' &&
          e.style === SCALAR_STYLE.PLAIN &&
          e.tagStart < 0;
        add(v, off, 1, 0, 0, isMerge);
        break;
      }
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        const seq = e.type === EVENT_ID.SEQUENCE;
        const value: Obj | unknown[] = seq ? [] : {};
        const anchor = e.anchorStart >= 0 ? src.slice(e.anchorStart, e.anchorEnd) : undefined;
        if (anchor !== undefined)
          anchors.set(anchor, { value, aliases: 0, nodes: 0, height: 0, done: false, uses: 0 });
        const f: Frame = {
          seq,
          value,
          offsets: seq ? [] : new Map(),
          start: e.start,
          anchor,
          aliases: 0,
          nodes: 1,
          height: 1,
          hasKey: false,
          key: '',
          keyOff: -1,
          keyIsMerge: false,
          merged: undefined,
        };
        offsets.set(value, f.offsets);
        frames.push(f);
        break;
      }
      case EVENT_ID.ALIAS: {
        const name = src.slice(e.anchorStart, e.anchorEnd);
        const a = anchors.get(name);
        const off = e.anchorStart - 1;
        if (!a) throw new BuildError('YAML_ERROR', `alias *${name} has no anchor before it`, off);
        if (!a.done)
          throw new BuildError('YAML_ERROR', `alias *${name} is inside its own anchor (a cycle)`, off);
        aliasNodes += a.nodes;
        if (++a.uses * (1 + a.aliases) > limits.maxAliasCount)
          throw new BuildError(
            'LIMIT',
            `aliases of &${name} expand more than ${limits.maxAliasCount} times (possible alias bomb)`,
            off,
          );
        if (aliasNodes > maxAliasNodes)
          throw new BuildError(
            'LIMIT',
            `aliases expand to more than ${maxAliasNodes} nodes (possible alias bomb)`,
            off,
          );
        add(a.value, off, a.nodes, a.height, 1 + a.aliases);
        break;
      }
      case EVENT_ID.POP: {
        const f = frames.pop();
        if (!f) {
          // end of a document
          if (docHeight > limits.maxDepth)
            throw new BuildError(
              'LIMIT',
              `nests deeper than ${limits.maxDepth} levels`,
              Math.max(docStart, 0),
            );
          if (docValue !== undefined) docs.push({ value: docValue, start: docStart, offsets, duplicates });
          break;
        }
        if (f.hasKey) add(null, -1, 1, 0, 0); // a key without a value event
        if (f.anchor !== undefined) {
          const a = anchors.get(f.anchor);
          if (a && a.value === f.value)
            Object.assign(a, { aliases: f.aliases, nodes: f.nodes, height: f.height, done: true });
        }
        add(f.value, f.start, f.nodes, f.height, f.aliases);
        break;
      }
    }
  }
  return docs;
}

function makeLocator(value: unknown, start: number, offsets: Map<object, Offsets>, lines: Lines) {
  return (path: readonly PathSeg[]): SourcePos | undefined => {
    let node = value;
    let best = start >= 0 ? start : undefined;
    for (const seg of path) {
      if (node === null || typeof node !== 'object') break;
      const idx = offsets.get(node);
      if (!idx) break;
      let off: number | undefined;
      if (Array.isArray(node)) {
        if (typeof seg !== 'number' || seg < 0 || seg >= node.length) break;
        off = (idx as number[])[seg];
      } else {
        if (typeof seg !== 'string' || !Object.hasOwn(node, seg)) break;
        off = (idx as Map<string, number>).get(seg);
      }
      if (off !== undefined && off >= 0) best = off;
      node = (node as Record<PathSeg, unknown>)[seg];
    }
    return best === undefined ? undefined : lines.pos(best);
  };
}

const DEPTH_ERROR = /maxDepth|Maximum call stack size exceeded/;

/** Parses every document of a YAML or JSON file; `file` names it in warnings. */
export function loadYaml(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): YamlLoadResult {
  const out: YamlLoadResult = { docs: [], warnings: [] };
  if (text.length > limits.maxFileBytes) {
    out.warnings.push(
      warn(
        'LIMIT',
        `${file}: ${text.length} bytes is over the ${limits.maxFileBytes}-byte limit; not checked`,
        file,
      ),
    );
    return out;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const chunks = splitDocuments(text);
  if (chunks.length > limits.maxDocuments) {
    out.warnings.push(
      warn('LIMIT', `${file}: more than ${limits.maxDocuments} YAML documents; not checked`, file),
    );
    return out;
  }
  let index = 0;
  for (const chunk of chunks) {
    if (!/[^\s-]/.test(chunk.text.replace(/#.*$/gm, ''))) continue; // only markers and comments
    const docIndex = index++;
    if (chunk.text.length > limits.maxDocBytes) {
      out.warnings.push(
        warn(
          'LIMIT',
          `${file}: document ${docIndex + 1} is ${chunk.text.length} bytes, over the ${limits.maxDocBytes}-byte limit; not checked`,
          file,
          chunk.firstLine,
        ),
      );
      continue;
    }
    const lines = new Lines(chunk.text, chunk.firstLine - 1);
    let built: Built[];
    try {
      built = build(parseEvents(chunk.text, { maxDepth: limits.maxDepth }), chunk.text, limits);
    } catch (e) {
      const at =
        e instanceof BuildError
          ? lines.pos(Math.max(e.offset, 0)).line
          : ((e as { mark?: { line?: number } }).mark?.line ?? 0) + chunk.firstLine;
      if (DEPTH_ERROR.test(errorMessage(e)) || e instanceof RangeError)
        out.warnings.push(
          warn(
            'LIMIT',
            `${file}: document ${docIndex + 1} nests deeper than ${limits.maxDepth} levels; not checked`,
            file,
            chunk.firstLine,
          ),
        );
      else if (e instanceof BuildError && e.code === 'LIMIT')
        out.warnings.push(
          warn('LIMIT', `${file}: document ${docIndex + 1}: ${e.message}; not checked`, file, at),
        );
      else {
        const reason = (e as { reason?: string }).reason ?? errorMessage(e).split('\n')[0];
        out.warnings.push(warn('YAML_ERROR', `${file}:${at}: ${reason}`, file, at));
      }
      continue;
    }
    for (const [i, b] of built.entries()) {
      const thisIndex = i === 0 ? docIndex : index++; // a chunk holds several documents after `...`
      for (const d of b.duplicates) {
        const line = lines.pos(d.offset).line;
        out.warnings.push(
          warn(
            'YAML_DUPLICATE_KEY',
            `${file}:${line}: duplicate key "${d.key}"; the last value is used`,
            file,
            line,
          ),
        );
      }
      if (b.value === null || b.value === undefined) continue;
      out.docs.push({
        index: thisIndex,
        value: b.value,
        line: b.start >= 0 ? lines.pos(b.start).line : chunk.firstLine,
        locate: makeLocator(b.value, b.start, b.offsets, lines),
      });
    }
  }
  return out;
}
