// YAML (and JSON, a subset of YAML 1.2) with source positions, for Kubernetes manifests, Compose files
// and policy files. Hostile input is bounded and reported as warnings, never a crash or a hang:
//   - a file over `maxFileBytes` or a document over `maxDocBytes` is skipped (the API server itself
//     refuses objects over 3 MiB);
//   - aliases are expanded at most `maxAliasCount` times (billion-laughs);
//   - nesting deeper than `maxDepth` is refused before any recursive walk;
//   - duplicate keys are reported with their line. The yaml package's own uniqueKeys check compares
//     every pair of keys (quadratic: a 300k-key map takes minutes), so we detect them with a Set.
// Documents are split on `---` lines before parsing, so one bad document does not hide the others and
// each one's cost is bounded by its own size.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { Location, Warning } from '../core/types.js';
import { errorMessage } from '../core/errors.js';
import type { PathSeg, SourcePos } from './engine.js';

/**
 * YAML 1.1 booleans on top of the 1.2 core schema. Kubernetes reads manifests with go-yaml v2
 * (sigs.k8s.io/yaml), where `privileged: yes` or `hostNetwork: on` is `true`; Compose (yaml.v3) does
 * the same for boolean fields. Reading them as strings would hide exactly those settings. The rest of
 * YAML 1.1 (sexagesimal `8080:80`, …) stays out: neither consumer applies it.
 */
const TRUE_11 = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_BOOL = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
  resolve: (s: string) => TRUE_11.has(s),
};

export interface YamlLimits {
  maxFileBytes: number;
  maxDocBytes: number;
  maxAliasCount: number;
  maxDepth: number;
  maxDocuments: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDocBytes: 3 * 1024 * 1024,
  maxAliasCount: 100,
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
      chunks.push({ text: text.slice(start, pos), firstLine: startLine });
      start = pos;
      startLine = line;
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

/** Depth of a composed YAML tree, without recursion; stops counting at `limit + 1`. */
function depthExceeds(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > limit) return true;
    if (isMap(n) || isSeq(n)) for (const it of n.items) stack.push([it, d + 1]);
    else if (isPair(n)) {
      stack.push([n.key, d]);
      stack.push([n.value, d]);
    }
  }
  return false;
}

/** Duplicate keys of every mapping (later value wins, as in Go's JSON/YAML decoders). */
function duplicateKeys(root: unknown, lc: LineCounter): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const p of n.items) {
        const k = isScalar(p.key) ? String(p.key.value) : undefined;
        if (k !== undefined) {
          if (seen.has(k)) {
            const off = (p.key as Node).range?.[0];
            out.push({ key: k, line: off !== undefined ? lc.linePos(off).line : 0 });
          }
          seen.add(k);
        }
        stack.push(p.value);
      }
    } else if (isSeq(n)) for (const it of n.items) stack.push(it);
  }
  return out;
}

function makeLocator(doc: Document, lc: LineCounter, lineOffset: number) {
  const posOf = (node: unknown): SourcePos | undefined => {
    const off = (node as Node | undefined)?.range?.[0];
    if (off === undefined) return undefined;
    const p = lc.linePos(off);
    return { line: p.line + lineOffset, column: p.col };
  };
  return (path: readonly PathSeg[]): SourcePos | undefined => {
    let node: unknown = doc.contents;
    let best = posOf(node);
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (typeof seg === 'number' && isSeq(node)) {
        node = node.items[seg];
        if (node === undefined) break;
        best = posOf(node) ?? best;
      } else if (typeof seg === 'string' && isMap(node)) {
        let pair;
        for (let i = node.items.length - 1; i >= 0; i--) {
          const p = node.items[i]!;
          if (isScalar(p.key) && String(p.key.value) === seg) {
            pair = p;
            break;
          }
        }
        if (!pair) break;
        best = posOf(pair.key) ?? best;
        node = pair.value;
      } else break;
    }
    return best;
  };
}

const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/** The parser recurses per nesting level: a stack overflow means hostile nesting. */
function yamlFailure(e: unknown, file: string, docIndex: number, line: number, limits: YamlLimits): Warning {
  if (e instanceof RangeError || STACK_OVERFLOW.test(errorMessage(e)))
    return warn(
      'LIMIT',
      `${file}: document ${docIndex + 1} nests deeper than ${limits.maxDepth} levels; not checked`,
      file,
      line,
    );
  return warn('YAML_ERROR', `${file}: document ${docIndex + 1}: ${errorMessage(e)}`, file, line);
}

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
    const lc = new LineCounter();
    let doc: Document;
    try {
      doc = parseDocument(chunk.text, {
        customTags: [YAML11_BOOL],
        lineCounter: lc,
        uniqueKeys: false,
        prettyErrors: false,
        strict: false,
      });
    } catch (e) {
      out.warnings.push(yamlFailure(e, file, docIndex, chunk.firstLine, limits));
      continue;
    }
    const lineOffset = chunk.firstLine - 1;
    if (doc.errors.some((e) => STACK_OVERFLOW.test(e.message))) {
      out.warnings.push(yamlFailure(new RangeError('stack'), file, docIndex, chunk.firstLine, limits));
      continue;
    }
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      const line = e.linePos?.[0].line;
      out.warnings.push(
        warn(
          'YAML_ERROR',
          `${file}:${line !== undefined ? line + lineOffset : chunk.firstLine}: ${e.message.split('\n')[0]}`,
          file,
          line !== undefined ? line + lineOffset : chunk.firstLine,
        ),
      );
      continue;
    }
    if (depthExceeds(doc.contents, limits.maxDepth)) {
      out.warnings.push(
        warn(
          'LIMIT',
          `${file}: document ${docIndex + 1} nests deeper than ${limits.maxDepth} levels; not checked`,
          file,
          chunk.firstLine,
        ),
      );
      continue;
    }
    for (const d of duplicateKeys(doc.contents, lc)) {
      const line = d.line + lineOffset;
      out.warnings.push(
        warn(
          'YAML_DUPLICATE_KEY',
          `${file}:${line}: duplicate key "${d.key}"; the last value is used`,
          file,
          line,
        ),
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      if (e instanceof RangeError) {
        out.warnings.push(yamlFailure(e, file, docIndex, chunk.firstLine, limits));
        continue;
      }
      const msg = /alias/i.test(errorMessage(e))
        ? `aliases expand more than ${limits.maxAliasCount} times (possible alias bomb)`
        : errorMessage(e);
      out.warnings.push(
        warn('LIMIT', `${file}: document ${docIndex + 1}: ${msg}; not checked`, file, chunk.firstLine),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    const startOff = (doc.contents as Node | null)?.range?.[0];
    const line = startOff !== undefined ? lc.linePos(startOff).line + lineOffset : chunk.firstLine;
    out.docs.push({ index: docIndex, value, line, locate: makeLocator(doc, lc, lineOffset) });
  }
  return out;
}
