// HTTP webhook: POST each alert as JSON. A bounded queue (oldest dropped and counted when full), one
// request in flight, retries with exponential backoff on network errors, 429 and 5xx.
import type { Alert } from '../alert.js';
import type { AlertOutput } from './output.js';

export interface WebhookOptions {
  url: string;
  maxQueue?: number;
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export class WebhookOutput implements AlertOutput {
  readonly name: string;
  private readonly queue: Alert[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private counters = { sent: 0, failed: 0, dropped: 0, retries: 0 };
  private closed = false;

  constructor(private readonly o: WebhookOptions) {
    this.name = `webhook:${o.url}`;
  }

  write(a: Alert): void {
    if (this.closed) return;
    if (this.queue.length >= (this.o.maxQueue ?? 10_000)) {
      this.queue.shift();
      this.counters.dropped++;
    }
    this.queue.push(a);
    if (!this.running) this.idle = this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const a = this.queue[0]!;
        const ok = await this.send(a);
        this.queue.shift();
        if (ok) this.counters.sent++;
        else this.counters.failed++;
      }
    } finally {
      this.running = false;
    }
  }

  private async send(a: Alert): Promise<boolean> {
    const body = JSON.stringify(a);
    const tries = (this.o.retries ?? 3) + 1;
    for (let i = 0; i < tries; i++) {
      if (i > 0) {
        this.counters.retries++;
        await new Promise((r) => setTimeout(r, (this.o.backoffMs ?? 500) * 2 ** (i - 1)));
      }
      try {
        const res = await fetch(this.o.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(this.o.headers ?? {}) },
          body,
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return true;
        if (res.status !== 429 && res.status < 500) return false; // the receiver refuses it: no retry
      } catch {
        // network error or timeout: retry
      }
    }
    return false;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.race([this.idle, new Promise((r) => setTimeout(r, 10_000))]);
  }

  stats() {
    return { ...this.counters, queued: this.queue.length };
  }
}
