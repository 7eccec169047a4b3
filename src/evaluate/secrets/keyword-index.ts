// Multi-keyword prefilter: an Aho–Corasick automaton compiled to a dense DFA over bytes, with ASCII case
// folded. Why in-house: the npm implementations (modern-ahocorasick, ahocorasick, aho-corasick) walk JS
// strings, so every file would first be decoded to UTF-16 and lower-cased — two full copies of bytes
// that are, for most files, never looked at again. This one runs on the Buffer as read from the layer,
// one table lookup per byte, and reports (keyword, byte offset) hits so that the regexes only ever see
// small windows around them.

/** ASCII lower-casing table for bytes; non-ASCII bytes are left as they are. */
const FOLD = new Uint8Array(256);
for (let i = 0; i < 256; i++) FOLD[i] = i >= 0x41 && i <= 0x5a ? i + 32 : i;

export interface KeywordHit {
  /** index into the keyword list given to the constructor */
  keyword: number;
  /** byte offset of the keyword's first byte */
  offset: number;
}

export class KeywordIndex {
  readonly keywords: readonly string[];
  /**
   * delta[state * 256 + byte] = next state * 256 (complete DFA, failure links folded in; stored
   * pre-multiplied so the hot loop is one OR and one load per byte)
   */
  private readonly delta: Int32Array;
  /** for each state, the keywords ending there (own and via suffix links), or undefined */
  private readonly outputs: (number[] | undefined)[];
  private readonly lengths: Int32Array;
  /** 1 where `outputs[state]` is set: a typed-array test keeps the hot loop monomorphic */
  private readonly final: Uint8Array;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    this.lengths = new Int32Array(keywords.length);
    keywords.forEach((kw, k) => {
      const bytes = Buffer.from(kw, 'utf8');
      if (bytes.length === 0) throw new Error(`keyword ${k} is empty`);
      this.lengths[k] = bytes.length;
      let s = 0;
      for (const raw of bytes) {
        const b = FOLD[raw]!;
        let next = goto[s]!.get(b);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]!.set(b, next);
        }
        s = next;
      }
      out[s]!.push(k);
    });
    const n = goto.length;
    const delta = new Int32Array(n * 256);
    const fail = new Int32Array(n);
    // breadth-first: a state's failure target is always shallower, so it is complete before it is used
    const queue: number[] = [];
    for (let b = 0; b < 256; b++) {
      const t = goto[0]!.get(b);
      delta[b] = t ?? 0;
      if (t !== undefined) queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const f = fail[s]!;
      if (out[f]!.length) out[s]!.push(...out[f]!);
      for (let b = 0; b < 256; b++) {
        const t = goto[s]!.get(b);
        if (t === undefined) delta[s * 256 + b] = delta[f * 256 + b]!;
        else {
          delta[s * 256 + b] = t;
          fail[t] = delta[f * 256 + b]!;
          queue.push(t);
        }
      }
    }
    // upper-case ASCII bytes follow the same edges as their lower-case forms
    for (let s = 0; s < n; s++)
      for (let b = 0x41; b <= 0x5a; b++) delta[s * 256 + b] = delta[s * 256 + b + 32]!;
    for (let i = 0; i < delta.length; i++) delta[i] = delta[i]! << 8;
    this.delta = delta;
    this.outputs = out.map((o) => (o.length ? o : undefined));
    this.final = Uint8Array.from(out, (o) => (o.length ? 1 : 0));
  }

  /**
   * Every keyword occurrence in `buf`, in order of end position. `limitPerKeyword` bounds the hits kept
   * for one keyword (the rest are counted in `dropped`), so a file made of one keyword repeated cannot
   * make the caller do unbounded work. `enabled[k] === 0` ignores keyword k.
   */
  search(
    buf: Uint8Array,
    limitPerKeyword = Infinity,
    enabled?: Uint8Array,
  ): { hits: KeywordHit[]; dropped: number } {
    const { delta, outputs, lengths, final } = this;
    const hits: KeywordHit[] = [];
    const counts = new Uint32Array(this.keywords.length);
    let dropped = 0;
    let s = 0;
    for (let i = 0, len = buf.length; i < len; i++) {
      s = delta[s | buf[i]!]!;
      if (final[s >>> 8] === 0) continue;
      for (const k of outputs[s >>> 8]!) {
        if (enabled && !enabled[k]) continue;
        if (counts[k]! >= limitPerKeyword) {
          dropped++;
          continue;
        }
        counts[k]!++;
        hits.push({ keyword: k, offset: i + 1 - lengths[k]! });
      }
    }
    return { hits, dropped };
  }

  /** true when at least one keyword occurs (stops at the first) */
  test(buf: Uint8Array): boolean {
    const { delta, final } = this;
    let s = 0;
    for (let i = 0, len = buf.length; i < len; i++) {
      s = delta[s | buf[i]!]!;
      if (final[s >>> 8] !== 0) return true;
    }
    return false;
  }
}
