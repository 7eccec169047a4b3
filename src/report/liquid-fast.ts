// A faster way through liquidjs for the nodes a report template repeats per finding. liquidjs is the
// safe Liquid engine we want for user templates (no code, own properties only, render-time and memory
// limits), but it renders every node through a chain of generators: an output like
// `{{ f.pkg.name | csv }}` costs five or six generator objects and their resumptions, ~5 µs — a CSV
// of 5,000 findings with ten columns took 300–450 ms, more than every other format together.
//
// `accelerate` walks a parsed template and gives the plain-text nodes and the outputs whose value is
// one literal or variable (with filters whose arguments are literals or variables) a synchronous
// render that does exactly what liquidjs's does, through liquidjs's own pieces: the context's
// `findScope`/`readProperty` (so ownPropertyOnly, size/first/last and drops behave the same), the
// registered filter handlers called with the same `this`, `toValueSync` for filters that are
// generators, the same emitter and the same error wrapping. Tags (for, if, assign, capture, case…),
// operators, ranges and everything else keep liquidjs's own rendering, and so do renders with
// strictVariables or in async mode. A list of templates made only of such nodes (the body of a
// `for` over findings) is rendered by a synchronous copy of liquidjs's renderTemplates — the same
// error wrapping and break/continue checks, the render-time limit read at the start and every eighth
// node instead of before each — instead of one generator resumption per node. Tests render a corpus of templates both ways and require equal output and
// equal errors (liquid-fast.test.ts).
import {
  Drop,
  LiquidError,
  Output,
  RenderError,
  TypeGuards,
  UndefinedVariableError,
  toValueSync,
  type Context,
  type Emitter,
  type Liquid,
  type Template,
} from 'liquidjs';

type Tok = unknown;

interface PropertyAccess {
  variable?: Tok;
  props: Tok[];
}

interface FilterLike {
  handler: (this: unknown, ...args: unknown[]) => unknown;
  token: unknown;
  liquid: Liquid;
  args: (Tok | [string, Tok])[];
}

function isIterator(v: unknown): v is Iterator<unknown> {
  return (
    !!v &&
    typeof (v as Iterator<unknown>).next === 'function' &&
    typeof (v as Iterator<unknown>).throw === 'function' &&
    typeof (v as Iterator<unknown>).return === 'function'
  );
}

/** liquidjs's toValue: a drop's valueOf() */
function toValue(v: unknown): unknown {
  return v instanceof Drop && typeof v.valueOf === 'function' ? v.valueOf() : v;
}

/** a token whose value needs no generator: a literal, or a variable path of literals/variables */
function simpleToken(t: Tok): boolean {
  if (!t || typeof t !== 'object') return false;
  if ('content' in t) return true;
  if (TypeGuards.isPropertyAccessToken(t)) {
    const p = t as unknown as PropertyAccess;
    return p.variable === undefined && p.props.length > 0 && p.props.every(simpleToken);
  }
  return false;
}

/** liquidjs's evalToken for simple tokens, synchronously */
function evalSimple(t: Tok, ctx: Context): unknown {
  if ('content' in (t as object)) return (t as { content: unknown }).content;
  const p = t as PropertyAccess;
  const props: unknown[] = [];
  for (const prop of p.props) props.push(toValue(evalSimple(prop, ctx)));
  try {
    let v: unknown = (ctx as unknown as { findScope(k: unknown): unknown }).findScope(props[0]);
    for (const key of props) {
      v = ctx.readProperty(v as object, key as string);
      if (isIterator(v)) v = toValueSync(v);
    }
    return v;
  } catch (e) {
    throw new UndefinedVariableError(e as Error, t as never);
  }
}

function fastOutput(node: Output): ((ctx: Context, emitter: Emitter) => unknown) | undefined {
  const value = node.value as unknown as { initial: { postfix: Tok[] }; filters: FilterLike[] };
  const postfix = value.initial.postfix;
  if (postfix.length !== 1 || TypeGuards.isOperatorToken(postfix[0]) || !simpleToken(postfix[0]))
    return undefined;
  for (const f of value.filters)
    for (const a of f.args) if (!simpleToken(Array.isArray(a) ? a[1] : a)) return undefined;
  const initial = postfix[0];
  const filters = value.filters;
  const original = Output.prototype.render;
  return function render(this: Output, ctx: Context, emitter: Emitter) {
    if (ctx.strictVariables || !ctx.sync) return original.call(this, ctx, emitter);
    let val = evalSimple(initial, ctx);
    for (const f of filters) {
      const argv: unknown[] = [];
      for (const a of f.args)
        argv.push(Array.isArray(a) ? [a[0], evalSimple(a[1], ctx)] : evalSimple(a, ctx));
      val = f.handler.apply({ context: ctx, token: f.token, liquid: f.liquid }, [val, ...argv]);
      if (isIterator(val)) val = toValueSync(val);
    }
    let out = toValue(val);
    if (isIterator(out)) out = toValueSync(out);
    emitter.write(out);
    return undefined;
  };
}

/** Where tags keep the templates they render (for, if, unless, case, capture, tablerow, liquid…) */
function childLists(node: object): Template[][] {
  const n = node as {
    templates?: unknown;
    elseTemplates?: unknown;
    branches?: { templates?: unknown }[];
  };
  const out: Template[][] = [];
  if (Array.isArray(n.templates)) out.push(n.templates as Template[]);
  if (Array.isArray(n.elseTemplates)) out.push(n.elseTemplates as Template[]);
  if (Array.isArray(n.branches))
    for (const b of n.branches) if (b && Array.isArray(b.templates)) out.push(b.templates as Template[]);
  return out;
}

interface Limiter {
  check(now: number): void;
}

/**
 * Give the plain-text and simple output nodes of `templates` (parsed by `liquid`) synchronous
 * renders, and `liquid`'s renderer a synchronous path for lists made only of them. Returns how many
 * nodes were changed. Rendering stays liquidjs's `renderSync`.
 */
export function accelerate(liquid: Liquid, templates: Template[]): number {
  const fast = new WeakSet<object>();
  const fastLists = new WeakSet<Template[]>();
  const renderer = liquid.renderer as unknown as {
    renderTemplates(templates: Template[], ctx: Context, emitter?: Emitter): unknown;
  };
  const originalRenderTemplates = renderer.renderTemplates;
  renderer.renderTemplates = function (list: Template[], ctx: Context, emitter?: Emitter) {
    const opts = ctx.opts as { catchAllErrors?: boolean };
    if (!emitter || !ctx.sync || ctx.strictVariables || opts.catchAllErrors || !fastLists.has(list))
      return originalRenderTemplates.call(this, list, ctx, emitter);
    const limit = (ctx as unknown as { renderLimit: Limiter }).renderLimit;
    limit.check(performance.now());
    for (let i = 0; i < list.length; i++) {
      const tpl = list[i]!;
      // liquidjs reads the clock before every node; these nodes are each a few property reads and
      // filter calls, so every eighth is as good a bound and a tenth of the clock reads
      if ((i & 7) === 7) limit.check(performance.now());
      try {
        // accelerated nodes write to the emitter and return nothing
        (tpl as unknown as { render(c: Context, e: Emitter): unknown }).render(ctx, emitter);
      } catch (e) {
        throw LiquidError.is(e) ? e : new RenderError(e as Error, tpl);
      }
      if (ctx.breakCalled || ctx.continueCalled) break;
    }
    return (emitter as unknown as { buffer: unknown }).buffer;
  };
  // the plain-text node class, as this build of liquidjs names it
  const HTML = (liquid.parse('x')[0] as object).constructor;
  let changed = 0;
  const seen = new Set<object>();
  const visit = (list: Template[]) => {
    for (const node of list) {
      if (!node || typeof node !== 'object' || seen.has(node)) continue;
      seen.add(node);
      if (node.constructor === HTML && typeof (node as unknown as { str: unknown }).str === 'string') {
        const str = (node as unknown as { str: string }).str;
        const original = (node as unknown as { render: Template['render'] }).render;
        (node as unknown as { render: unknown }).render = function (ctx: Context, emitter: Emitter) {
          if (!ctx.sync) return original.call(this, ctx, emitter);
          emitter.write(str);
          return undefined;
        };
        fast.add(node);
        changed++;
      } else if (node instanceof Output) {
        const r = fastOutput(node);
        if (r) {
          (node as unknown as { render: unknown }).render = r;
          fast.add(node);
          changed++;
        }
      } else for (const l of childLists(node)) visit(l);
    }
    if (list.length && list.every((n) => fast.has(n))) fastLists.add(list);
  };
  visit(templates);
  return changed;
}
