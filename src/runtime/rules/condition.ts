// Parser for the Falco condition language (libsinsp's filter grammar): `and`/`or`/`not`, parentheses,
// field checks `FIELD OP VALUE`, unary `exists`, macro references and list values `(a, "b c", list)`.
// No library parses this language outside Falco's C++ code, so it is written here: a recursive-descent
// parser over one string, linear in its length, with a nesting bound so hostile input cannot blow the
// stack.
import { PalisadeError } from '../../core/errors.js';

export const BINARY_OPS = [
  '=',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'icontains',
  'bcontains',
  'startswith',
  'bstartswith',
  'endswith',
  'glob',
  'iglob',
  'pmatch',
  'in',
  'intersects',
  'regex',
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];
export type Op = BinaryOp | 'exists';

const WORD_OPS = new Set<string>([...BINARY_OPS.filter((o) => /^[a-z]+$/.test(o)), 'exists']);
const LIST_OPS = new Set<string>(['in', 'intersects', 'pmatch']);
/** field transformers (Falco 0.38+): tolower(proc.name) = bash */
const TRANSFORMERS = new Set(['tolower', 'toupper', 'b64', 'basename', 'len']);

export interface FieldRef {
  /** field name without the argument: proc.aname, evt.arg, container.label */
  name: string;
  /** proc.aname[2] → "2"; evt.arg.request → "request"; container.label[app] → "app" */
  arg?: string;
  transforms?: string[];
  /** as written, for messages */
  raw: string;
}

/** One literal of a value; `bare` literals inside lists may name a list to expand. */
export interface Literal {
  text: string;
  quoted: boolean;
}

export type Value =
  { kind: 'literal'; lit: Literal } | { kind: 'list'; items: Literal[] } | { kind: 'field'; ref: FieldRef };

export type CondNode =
  | { k: 'and'; items: CondNode[] }
  | { k: 'or'; items: CondNode[] }
  | { k: 'not'; item: CondNode }
  | { k: 'macro'; name: string }
  | { k: 'check'; field: FieldRef; op: Op; value?: Value }
  | { k: 'const'; value: boolean };

const MAX_DEPTH = 200;

export function parseCondition(src: string): CondNode {
  const p = new Parser(src);
  const node = p.parseOr(0);
  p.ws();
  if (!p.eof()) p.fail(`unexpected '${p.peekWord() || p.src[p.pos]}'`);
  return node;
}

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(msg: string): never {
    throw new PalisadeError('INPUT', `condition: ${msg} at offset ${this.pos}`);
  }
  eof(): boolean {
    return this.pos >= this.src.length;
  }
  ws(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }
  /** the identifier-ish word at pos, without consuming */
  peekWord(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(this.src.slice(this.pos, this.pos + 256));
    return m ? m[0] : '';
  }
  keyword(kw: string): boolean {
    this.ws();
    if (!this.src.startsWith(kw, this.pos)) return false;
    const after = this.src[this.pos + kw.length];
    if (after !== undefined && /[A-Za-z0-9_.\-[]/.test(after)) return false;
    this.pos += kw.length;
    return true;
  }

  parseOr(depth: number): CondNode {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    const items = [this.parseAnd(depth)];
    while (this.keyword('or')) items.push(this.parseAnd(depth));
    return items.length === 1 ? items[0]! : { k: 'or', items };
  }
  parseAnd(depth: number): CondNode {
    const items = [this.parseNot(depth)];
    while (this.keyword('and')) items.push(this.parseNot(depth));
    return items.length === 1 ? items[0]! : { k: 'and', items };
  }
  parseNot(depth: number): CondNode {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    if (this.keyword('not')) return { k: 'not', item: this.parseNot(depth + 1) };
    return this.parseAtom(depth);
  }
  parseAtom(depth: number): CondNode {
    this.ws();
    if (this.eof()) this.fail('unexpected end of condition');
    if (this.src[this.pos] === '(') {
      this.pos++;
      const inner = this.parseOr(depth + 1);
      this.ws();
      if (this.src[this.pos] !== ')') this.fail("expected ')'");
      this.pos++;
      return inner;
    }
    const start = this.pos;
    const ref = this.parseFieldRef();
    if (!ref) this.fail(`expected a field, macro or '(' but found '${this.src.slice(start, start + 20)}'`);
    const op = this.parseOp();
    if (!op) {
      if (ref.arg !== undefined || ref.transforms || ref.name.includes('.'))
        this.fail(`field '${ref.raw}' needs an operator`);
      return { k: 'macro', name: ref.name };
    }
    if (op === 'exists') return { k: 'check', field: ref, op };
    return { k: 'check', field: ref, op, value: this.parseValue(op) };
  }

  parseFieldRef(): FieldRef | undefined {
    this.ws();
    const start = this.pos;
    const word = this.peekWord();
    if (!word) return undefined;
    if (TRANSFORMERS.has(word) && this.src[this.pos + word.length] === '(') {
      this.pos += word.length + 1;
      const inner = this.parseFieldRef();
      this.ws();
      if (!inner || this.src[this.pos] !== ')') this.fail(`bad ${word}(…) transformer`);
      this.pos++;
      return {
        ...inner,
        transforms: [...(inner.transforms ?? []), word],
        raw: this.src.slice(start, this.pos),
      };
    }
    this.pos += word.length;
    let name = word;
    let arg: string | undefined;
    if (this.src[this.pos] === '[') {
      const close = this.src.indexOf(']', this.pos);
      if (close < 0) this.fail(`unclosed '[' after ${word}`);
      arg = this.src.slice(this.pos + 1, close).trim();
      this.pos = close + 1;
    }
    // a trailing '.' is never part of a field name
    if (name.endsWith('.')) {
      name = name.slice(0, -1);
      this.pos--;
    }
    return { name, ...(arg !== undefined ? { arg } : {}), raw: this.src.slice(start, this.pos) };
  }

  parseOp(): Op | undefined {
    this.ws();
    const two = this.src.slice(this.pos, this.pos + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      this.pos += 2;
      return two as Op;
    }
    const one = this.src[this.pos];
    if (one === '=' || one === '<' || one === '>') {
      this.pos++;
      return one as Op;
    }
    const w = /^[a-z]+/.exec(this.src.slice(this.pos, this.pos + 16))?.[0];
    if (w && WORD_OPS.has(w)) {
      const after = this.src[this.pos + w.length];
      if (after === undefined || !/[A-Za-z0-9_.\-[]/.test(after)) {
        this.pos += w.length;
        return w as Op;
      }
    }
    return undefined;
  }

  parseValue(op: Op): Value {
    this.ws();
    if (LIST_OPS.has(op)) {
      if (this.src[this.pos] !== '(') {
        // `pmatch` and `in` also accept a lone list name or literal in recent Falco versions
        return { kind: 'list', items: [this.parseLiteral(false)] };
      }
      this.pos++;
      const items: Literal[] = [];
      for (;;) {
        this.ws();
        if (this.src[this.pos] === ')') {
          this.pos++;
          break;
        }
        if (this.eof()) this.fail("unclosed list, expected ')'");
        items.push(this.parseLiteral(true));
        this.ws();
        if (this.src[this.pos] === ',') this.pos++;
      }
      return { kind: 'list', items };
    }
    // rhs field reference: val(proc.pname) or a transformer
    const w = this.peekWord();
    if ((w === 'val' || TRANSFORMERS.has(w)) && this.src[this.pos + w.length] === '(') {
      if (w === 'val') {
        this.pos += 4;
        const ref = this.parseFieldRef();
        this.ws();
        if (!ref || this.src[this.pos] !== ')') this.fail('bad val(…)');
        this.pos++;
        return { kind: 'field', ref };
      }
      const ref = this.parseFieldRef();
      if (ref) return { kind: 'field', ref };
    }
    return { kind: 'literal', lit: this.parseLiteral(false) };
  }

  parseLiteral(inList: boolean): Literal {
    this.ws();
    const q = this.src[this.pos];
    if (q === '"' || q === "'") {
      let out = '';
      this.pos++;
      while (!this.eof() && this.src[this.pos] !== q) {
        let c = this.src[this.pos]!;
        if (c === '\\' && this.pos + 1 < this.src.length) {
          const n = this.src[this.pos + 1]!;
          if (n === q || n === '\\') {
            c = n;
            this.pos++;
          }
        }
        out += c;
        this.pos++;
      }
      if (this.eof()) this.fail('unterminated string');
      this.pos++;
      return { text: out, quoted: true };
    }
    const start = this.pos;
    let bracket = 0;
    while (!this.eof()) {
      const c = this.src[this.pos]!;
      if (c === '[') bracket++;
      else if (c === ']') bracket = Math.max(0, bracket - 1);
      else if (bracket === 0 && (/\s/.test(c) || c === ')' || (inList && c === ',') || c === '(')) break;
      this.pos++;
    }
    if (this.pos === start) this.fail('expected a value');
    return { text: this.src.slice(start, this.pos), quoted: false };
  }
}

/** Visit every node depth-first. */
export function walkCondition(node: CondNode, fn: (n: CondNode) => void): void {
  fn(node);
  if (node.k === 'and' || node.k === 'or') for (const i of node.items) walkCondition(i, fn);
  else if (node.k === 'not') walkCondition(node.item, fn);
}
