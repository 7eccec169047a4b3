// De-duplication and rate limiting per (rule, container): the same rule firing with the same output in
// the same container within `dedupWindowMs` is folded into a count; beyond that a token bucket of
// `ratePerMin` (burst `burst`) per (rule, container) caps the flow. Folded alerts are counted and the
// count rides on the next alert that passes, so nothing is lost silently.

export interface ThrottleOptions {
  dedupWindowMs?: number;
  ratePerMin?: number;
  burst?: number;
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
  suppressed: number;
}

export class Throttle {
  private readonly seen = new Map<string, number>();
  private readonly buckets = new Map<string, Bucket>();
  stats = { passed: 0, deduplicated: 0, rateLimited: 0 };
  private readonly window: number;
  private readonly rate: number;
  private readonly burst: number;
  private readonly maxKeys: number;

  constructor(o: ThrottleOptions = {}) {
    this.window = o.dedupWindowMs ?? 60_000;
    this.rate = o.ratePerMin ?? 30;
    this.burst = o.burst ?? 10;
    this.maxKeys = o.maxKeys ?? 100_000;
  }

  /** null: drop it (counted); a number: let it through, carrying this many folded alerts. */
  admit(rule: string, container: string, output: string, now: number): number | null {
    const key = `${rule}\0${container}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.burst, at: now, suppressed: 0 };
      this.buckets.set(key, b);
      if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    }
    if (this.window > 0) {
      const dk = `${key}\0${output}`;
      const last = this.seen.get(dk);
      if (last !== undefined && now - last < this.window) {
        b.suppressed++;
        this.stats.deduplicated++;
        return null;
      }
      this.seen.delete(dk);
      this.seen.set(dk, now);
      if (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value!);
    }
    if (this.rate > 0) {
      b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 60_000) * this.rate);
      b.at = now;
      if (b.tokens < 1) {
        b.suppressed++;
        this.stats.rateLimited++;
        return null;
      }
      b.tokens -= 1;
    }
    const folded = b.suppressed;
    b.suppressed = 0;
    this.stats.passed++;
    return folded;
  }
}
