// The rule engine: rules indexed by (source, evt.type) so an event is tested only against rules that
// can match it; rules whose condition does not pin evt.type go to a per-source catch-all list.
import type { EventSource, RuntimeEvent } from '../event.js';
import { priorityRank, type CompiledRule, type Priority, type RuleSet } from './ruleset.js';

export interface RuleMatch {
  rule: string;
  priority: Priority;
  source: EventSource;
  tags: string[];
  output: string;
  outputFields: Record<string, string | number | boolean | null>;
  event: RuntimeEvent;
}

export interface EngineOptions {
  /** drop rules less severe than this */
  minPriority?: Priority;
  /** 'all' (default): every matching rule fires; 'first': only the first in load order (Falco's default) */
  matching?: 'all' | 'first';
  /** only these tags (any of) */
  tags?: string[];
}

interface SourceIndex {
  byType: Map<string, CompiledRule[]>;
  /** rules that can match any type except those in their `except` set */
  generic: { rule: CompiledRule; except: Set<string> }[];
}

export class RuleEngine {
  private readonly index = new Map<EventSource, SourceIndex>();
  private readonly cache = new Map<EventSource, Map<string, CompiledRule[]>>();
  readonly active: CompiledRule[];
  readonly matching: 'all' | 'first';
  /** events tested, and rule evaluations run (for the benchmark's "tests per event") */
  stats = { events: 0, evaluations: 0, matches: 0 };

  constructor(ruleset: RuleSet, opts: EngineOptions = {}) {
    const min = opts.minPriority ? priorityRank(opts.minPriority) : Infinity;
    this.matching = opts.matching ?? 'all';
    this.active = ruleset.rules.filter(
      (r) =>
        priorityRank(r.def.priority) <= min &&
        (!opts.tags?.length || r.def.tags.some((t) => opts.tags!.includes(t))),
    );
    for (const r of this.active) {
      let idx = this.index.get(r.def.source);
      if (!idx) this.index.set(r.def.source, (idx = { byType: new Map(), generic: [] }));
      if ('only' in r.types) {
        for (const t of r.types.only) {
          let l = idx.byType.get(t);
          if (!l) idx.byType.set(t, (l = []));
          l.push(r);
        }
      } else idx.generic.push({ rule: r, except: r.types.except });
    }
  }

  /** Rules that can match events of this source and type, in load order. */
  candidates(source: EventSource, type: string): CompiledRule[] {
    let bySource = this.cache.get(source);
    if (!bySource) this.cache.set(source, (bySource = new Map()));
    let c = bySource.get(type);
    if (c) return c;
    const idx = this.index.get(source);
    c = idx
      ? [
          ...(idx.byType.get(type) ?? []),
          ...idx.generic.filter((g) => !g.except.has(type)).map((g) => g.rule),
        ]
      : [];
    c.sort((a, b) => a.index - b.index);
    if (bySource.size < 4096) bySource.set(type, c);
    return c;
  }

  /** Rules an event fires, without rendering outputs (the hot path for benchmarks). */
  test(e: RuntimeEvent): CompiledRule[] {
    this.stats.events++;
    const cands = this.candidates(e.source, e.type);
    let hits: CompiledRule[] | undefined;
    for (const r of cands) {
      this.stats.evaluations++;
      if (r.pred(e)) {
        (hits ??= []).push(r);
        if (this.matching === 'first') break;
      }
    }
    if (hits) this.stats.matches += hits.length;
    return hits ?? NONE;
  }

  process(e: RuntimeEvent): RuleMatch[] {
    const hits = this.test(e);
    if (!hits.length) return [];
    return hits.map((r) => {
      const o = r.output.render(e);
      return {
        rule: r.def.name,
        priority: r.def.priority,
        source: r.def.source,
        tags: r.def.tags,
        output: o.text,
        outputFields: o.fields,
        event: e,
      };
    });
  }
}

const NONE: CompiledRule[] = [];
