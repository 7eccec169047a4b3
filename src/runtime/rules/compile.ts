// Turns a parsed condition into a closure tree. Macros are inlined and lists expanded once, at load
// time, so evaluating an event is only field reads and precomputed comparisons (Sets for `in`, parsed
// CIDRs, lower-cased needles). The event-type analysis lets the engine index each rule by the evt.type
// values it can match, as Falco does.
import { RE2JS } from 're2js';
import type { EventSource, RuntimeEvent } from '../event.js';
import type { CondNode, FieldRef, Literal, Op, Value } from './condition.js';
import { resolveField, type FieldDef, type FieldValue } from './fields.js';
import { globMatch } from './glob.js';

export type Pred = (e: RuntimeEvent) => boolean;

export interface ResolveEnv {
  macros: ReadonlyMap<string, CondNode>;
  lists: ReadonlyMap<string, readonly Literal[]>;
  source: EventSource;
}

/** A check whose field resolved; produced by resolve(). */
export type RNode =
  | { k: 'and'; items: RNode[] }
  | { k: 'or'; items: RNode[] }
  | { k: 'not'; item: RNode }
  | { k: 'const'; value: boolean }
  | { k: 'check'; def: FieldDef; arg?: string; ref: FieldRef; op: Op; values: string[]; rhsField?: RField };

interface RField {
  def: FieldDef;
  arg?: string;
  ref: FieldRef;
}

export interface ResolveProblems {
  unknownFields: Set<string>;
  /** field exists but not for this rule's source */
  wrongSource: Set<string>;
  undefinedMacros: Set<string>;
  errors: string[];
}

export function newProblems(): ResolveProblems {
  return { unknownFields: new Set(), wrongSource: new Set(), undefinedMacros: new Set(), errors: [] };
}

const MAX_EXPANSION = 100_000;

/** Expand a list's items, following list names recursively (cycle-safe). */
export function expandList(
  items: readonly Literal[],
  lists: ReadonlyMap<string, readonly Literal[]>,
  seen: Set<string> = new Set(),
  out: string[] = [],
): string[] {
  for (const it of items) {
    const sub = !it.quoted ? lists.get(it.text) : undefined;
    if (sub && !seen.has(it.text)) {
      seen.add(it.text);
      expandList(sub, lists, seen, out);
      seen.delete(it.text);
    } else out.push(it.text);
    if (out.length > MAX_EXPANSION) break;
  }
  return out;
}

function resolveRef(ref: FieldRef, env: ResolveEnv, probs: ResolveProblems): RField | undefined {
  const r = resolveField(ref.name, ref.arg);
  if (!r) {
    probs.unknownFields.add(ref.name + (ref.arg !== undefined ? `[${ref.arg}]` : ''));
    return undefined;
  }
  if (!r.def.sources.includes(env.source)) {
    probs.wrongSource.add(ref.raw);
    return undefined;
  }
  return { def: r.def, ...(r.arg !== undefined ? { arg: r.arg } : {}), ref };
}

export function resolve(
  node: CondNode,
  env: ResolveEnv,
  probs: ResolveProblems,
  macroStack: string[] = [],
): RNode {
  switch (node.k) {
    case 'and':
    case 'or':
      return { k: node.k, items: node.items.map((i) => resolve(i, env, probs, macroStack)) };
    case 'not':
      return { k: 'not', item: resolve(node.item, env, probs, macroStack) };
    case 'const':
      return node;
    case 'macro': {
      const m = env.macros.get(node.name);
      if (!m) {
        probs.undefinedMacros.add(node.name);
        return { k: 'const', value: false };
      }
      if (macroStack.includes(node.name)) {
        probs.errors.push(
          `macro '${node.name}' refers to itself (${[...macroStack, node.name].join(' → ')})`,
        );
        return { k: 'const', value: false };
      }
      return resolve(m, env, probs, [...macroStack, node.name]);
    }
    case 'check': {
      const f = resolveRef(node.field, env, probs);
      let values: string[] = [];
      let rhsField: RField | undefined;
      if (node.value?.kind === 'list') values = expandList(node.value.items, env.lists);
      else if (node.value?.kind === 'literal') values = [node.value.lit.text];
      else if (node.value?.kind === 'field') rhsField = resolveRef(node.value.ref, env, probs);
      if (!f || (node.value?.kind === 'field' && !rhsField)) return { k: 'const', value: false };
      return {
        k: 'check',
        def: f.def,
        ...(f.arg !== undefined ? { arg: f.arg } : {}),
        ref: f.ref,
        op: node.op,
        values,
        ...(rhsField ? { rhsField } : {}),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Event-type analysis: which evt.type values can make a condition true.
//   { only: S } — only types in S;  { except: S } — any type but those in S (S empty = all types).

export type TypeSet = { only: Set<string> } | { except: Set<string> };
const ALL: TypeSet = { except: new Set() };

function isTypeField(n: RNode): n is Extract<RNode, { k: 'check' }> {
  return n.k === 'check' && (n.def.name === 'evt.type' || n.def.name === 'syscall.type') && !n.ref.transforms;
}

export function eventTypes(n: RNode): TypeSet {
  switch (n.k) {
    case 'const':
      return n.value ? ALL : { only: new Set() };
    case 'check':
      if (isTypeField(n)) {
        if (n.op === '=' || n.op === '==' || n.op === 'in') return { only: new Set(n.values) };
        if (n.op === '!=') return { except: new Set(n.values) };
      }
      return ALL;
    case 'not': {
      const inner = n.item;
      if (isTypeField(inner)) {
        if (inner.op === '=' || inner.op === '==' || inner.op === 'in')
          return { except: new Set(inner.values) };
        if (inner.op === '!=') return { only: new Set(inner.values) };
      }
      return ALL;
    }
    case 'and':
      return n.items.map(eventTypes).reduce(intersect, ALL);
    case 'or':
      return n.items.map(eventTypes).reduce(union, { only: new Set() });
  }
}
function intersect(a: TypeSet, b: TypeSet): TypeSet {
  if ('only' in a && 'only' in b) return { only: new Set([...a.only].filter((x) => b.only.has(x))) };
  if ('only' in a)
    return { only: new Set([...a.only].filter((x) => !(b as { except: Set<string> }).except.has(x))) };
  if ('only' in b) return intersect(b, a);
  return { except: new Set([...a.except, ...(b as { except: Set<string> }).except]) };
}
function union(a: TypeSet, b: TypeSet): TypeSet {
  if ('only' in a && 'only' in b) return { only: new Set([...a.only, ...b.only]) };
  if ('only' in a)
    return { except: new Set([...(b as { except: Set<string> }).except].filter((x) => !a.only.has(x))) };
  if ('only' in b) return union(b, a);
  const be = (b as { except: Set<string> }).except;
  return { except: new Set([...a.except].filter((x) => be.has(x))) };
}

// ---------------------------------------------------------------------------------------------------
// Closure compilation

type Scalar = string | number | boolean;
type Getter = (e: RuntimeEvent) => FieldValue;

function applyTransforms(v: FieldValue, transforms: readonly string[] | undefined): FieldValue {
  if (!transforms || v === undefined) return v;
  for (const t of transforms) {
    const f = (s: Scalar): string | number => {
      const str = String(s);
      switch (t) {
        case 'tolower':
          return str.toLowerCase();
        case 'toupper':
          return str.toUpperCase();
        case 'basename':
          return str.slice(str.lastIndexOf('/') + 1);
        case 'b64':
          return Buffer.from(str, 'base64').toString('utf8');
        case 'len':
          return str.length;
        default:
          return str;
      }
    };
    v = Array.isArray(v) ? (v as string[]).map((x) => String(f(x))) : f(v as Scalar);
  }
  return v;
}

// One shared getter per (field, argument, transforms), remembering the value for the last event it
// saw: a field named by many checks (proc.cmdline in a dozen macros) is computed once per event.
const shared = new Map<string, Getter>();
function getter(f: { def: FieldDef; arg?: string; ref: FieldRef }): Getter {
  const tr = f.ref.transforms;
  const key = `${f.def.name}\0${f.arg ?? ''}\0${tr?.join(',') ?? ''}`;
  let g = shared.get(key);
  if (g) return g;
  const { def, arg } = f;
  const raw: Getter = tr
    ? (e) => applyTransforms(def.get(e, arg), tr)
    : arg === undefined
      ? def.get
      : (e) => def.get(e, arg);
  let lastE: RuntimeEvent | undefined;
  let lastV: FieldValue;
  g = (e) => {
    if (e === lastE) return lastV;
    lastE = e;
    return (lastV = raw(e));
  };
  shared.set(key, g);
  return g;
}

// IPv4/IPv6 addresses and CIDR networks, compared as bigints so both families share one path.
function parseIp(s: string): { v: bigint; bits: number } | undefined {
  const m4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m4) {
    let v = 0n;
    for (let i = 1; i <= 4; i++) {
      const o = Number(m4[i]);
      if (o > 255) return undefined;
      v = (v << 8n) | BigInt(o);
    }
    return { v, bits: 32 };
  }
  if (!s.includes(':')) return undefined;
  const v4tail = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  let head = s;
  let extra: bigint | undefined;
  if (v4tail) {
    const t = parseIp(v4tail[2]!);
    if (!t) return undefined;
    head = `${v4tail[1]}0:0`;
    extra = t.v;
  }
  const parts = head.split('::');
  if (parts.length > 2) return undefined;
  const left = parts[0] ? parts[0].split(':') : [];
  const right = parts.length === 2 && parts[1] ? parts[1].split(':') : [];
  const fill = parts.length === 2 ? 8 - left.length - right.length : 0;
  const groups = [...left, ...Array<string>(Math.max(0, fill)).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (extra !== undefined) v = (v & ~0xffffffffn) | extra;
  return { v, bits: 128 };
}
const ipCache = new Map<string, { v: bigint; bits: number; v4?: number } | null>();
function cachedIp(ip: string) {
  let p = ipCache.get(ip);
  if (p === undefined) {
    const parsed = parseIp(ip);
    p = parsed ? { ...parsed, ...(parsed.bits === 32 ? { v4: Number(parsed.v) } : {}) } : null;
    if (ipCache.size > 8192) ipCache.clear();
    ipCache.set(ip, p);
  }
  return p;
}
function ipMatcher(text: string): (ip: string) => boolean {
  const slash = text.indexOf('/');
  const base = parseIp(slash >= 0 ? text.slice(0, slash) : text);
  if (!base) return (ip) => ip === text;
  const prefix = slash >= 0 ? Number(text.slice(slash + 1)) : base.bits;
  if (base.bits === 32) {
    // IPv4: plain 32-bit arithmetic
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const want = (Number(base.v) & mask) >>> 0;
    return (ip) => {
      const p = cachedIp(ip);
      return !!p && p.v4 !== undefined && (p.v4 & mask) >>> 0 === want;
    };
  }
  const shift = BigInt(base.bits - prefix);
  const want = base.v >> shift;
  return (ip) => {
    const p = cachedIp(ip);
    return !!p && p.bits === base.bits && p.v >> shift === want;
  };
}

function pmatcher(prefixes: readonly string[]): (s: string) => boolean {
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const p of prefixes) {
    if (/[*?[]/.test(p)) globs.push(p);
    else exact.add(p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
  }
  return (s) => {
    // walk up the path: /a/b/c → /a/b/c, /a/b, /a, /
    let cur = s;
    for (;;) {
      if (exact.has(cur)) return true;
      const i = cur.lastIndexOf('/');
      if (i < 0) break;
      if (i === 0) {
        if (cur !== '/' && exact.has('/')) return true;
        break;
      }
      cur = cur.slice(0, i);
    }
    for (const g of globs) if (globMatch(g, s) || globMatch(`${g}/*`, s)) return true;
    return false;
  };
}

function scalarMatcher(op: Op, values: readonly string[], type: FieldDef['type']): (v: Scalar) => boolean {
  const first = values[0] ?? '';
  const numeric = type === 'number';
  const num = (s: string) => (/^-?0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : Number(s));
  switch (op) {
    case '=':
    case '==':
    case '!=': {
      if (type === 'ipaddr' || type === 'ipnet') {
        const m = ipMatcher(first);
        return (v) => m(String(v));
      }
      if (numeric) {
        const n = num(first);
        return (v) => v === n || String(v) === first;
      }
      if (type === 'bool') {
        const b = first.toLowerCase() === 'true';
        return (v) => v === b;
      }
      return (v) => v === first;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const n = num(first);
      if (Number.isNaN(n)) return () => false;
      if (op === '<') return (v) => Number(v) < n;
      if (op === '<=') return (v) => Number(v) <= n;
      if (op === '>') return (v) => Number(v) > n;
      return (v) => Number(v) >= n;
    }
    case 'contains':
    case 'bcontains':
      return (v) => String(v).includes(first);
    case 'icontains': {
      const low = first.toLowerCase();
      return (v) => String(v).toLowerCase().includes(low);
    }
    case 'startswith':
    case 'bstartswith':
      return (v) => String(v).startsWith(first);
    case 'endswith':
      return (v) => String(v).endsWith(first);
    case 'glob':
      return (v) => globMatch(first, String(v));
    case 'iglob': {
      const low = first.toLowerCase();
      return (v) => globMatch(low, String(v).toLowerCase());
    }
    case 'regex': {
      const re = RE2JS.compile(first);
      return (v) => re.matcher(String(v)).find();
    }
    case 'pmatch': {
      const m = pmatcher(values);
      return (v) => m(String(v));
    }
    case 'in':
    case 'intersects': {
      if (type === 'ipaddr' || type === 'ipnet') {
        const ms = values.map(ipMatcher);
        return (v) => ms.some((m) => m(String(v)));
      }
      if (numeric) {
        const set = new Set(values.map(num));
        return (v) => set.has(Number(v));
      }
      if (type === 'bool') {
        const set = new Set(values.map((x) => x.toLowerCase()));
        return (v) => set.has(String(v));
      }
      const set = new Set(values);
      return (v) => set.has(String(v));
    }
    case 'exists':
      return () => true;
  }
}

function compileCheck(n: Extract<RNode, { k: 'check' }>): Pred {
  const get = getter(n);
  const isList = n.def.type === 'strlist';
  if (n.op === 'exists') {
    return (e) => {
      const v = get(e);
      return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
    };
  }
  if (n.rhsField) {
    const rget = getter(n.rhsField);
    const op = n.op;
    const type = n.def.type;
    return (e) => {
      const v = get(e);
      const r = rget(e);
      if (v === undefined || r === undefined) return false;
      const rv = Array.isArray(r) ? r.map(String) : [String(r)];
      const m = scalarMatcher(op, rv, type);
      const res = Array.isArray(v) ? v.some((x) => m(x)) : m(v as Scalar);
      return op === '!=' ? !res : res;
    };
  }
  if (n.def.type === 'string' && !n.ref.transforms) {
    const first = n.values[0] ?? '';
    switch (n.op) {
      case '=':
      case '==':
        return (e) => get(e) === first;
      case '!=':
        return (e) => {
          const v = get(e);
          return v !== undefined && v !== first;
        };
      case 'in': {
        const set = new Set(n.values);
        return (e) => {
          const v = get(e);
          return v !== undefined && set.has(v as string);
        };
      }
      case 'startswith':
        return (e) => {
          const v = get(e);
          return typeof v === 'string' && v.startsWith(first);
        };
      case 'endswith':
        return (e) => {
          const v = get(e);
          return typeof v === 'string' && v.endsWith(first);
        };
      case 'contains':
        return (e) => {
          const v = get(e);
          return typeof v === 'string' && v.includes(first);
        };
    }
  }
  const m = scalarMatcher(n.op, n.values, n.def.type);
  const negate = n.op === '!=';
  if (isList) {
    if (negate)
      return (e) => {
        const v = get(e) as readonly string[] | undefined;
        return v !== undefined && !v.some(m);
      };
    return (e) => {
      const v = get(e) as readonly string[] | undefined;
      return v !== undefined && v.some(m);
    };
  }
  if (negate)
    return (e) => {
      const v = get(e);
      return v !== undefined && !m(v as Scalar);
    };
  return (e) => {
    const v = get(e);
    return v !== undefined && m(v as Scalar);
  };
}

export function compile(n: RNode): Pred {
  switch (n.k) {
    case 'const': {
      const v = n.value;
      return () => v;
    }
    case 'not': {
      const p = compile(n.item);
      return (e) => !p(e);
    }
    case 'and': {
      const ps = n.items.map(compile);
      if (ps.length === 2) {
        const [a, b] = ps as [Pred, Pred];
        return (e) => a(e) && b(e);
      }
      return (e) => {
        for (const p of ps) if (!p(e)) return false;
        return true;
      };
    }
    case 'or': {
      const ps = n.items.map(compile);
      return (e) => {
        for (const p of ps) if (p(e)) return true;
        return false;
      };
    }
    case 'check':
      return compileCheck(n);
  }
}

/** Validate a value list for an operator at load time (bad regexes are load errors, not runtime ones). */
export function validateValues(n: RNode, errors: string[]): void {
  if (n.k === 'and' || n.k === 'or') for (const i of n.items) validateValues(i, errors);
  else if (n.k === 'not') validateValues(n.item, errors);
  else if (n.k === 'check' && n.op === 'regex') {
    try {
      RE2JS.compile(n.values[0] ?? '');
    } catch (e) {
      errors.push(`bad regex '${n.values[0]}' for ${n.ref.raw}: ${(e as Error).message}`);
    }
  }
}

export type { Value };
