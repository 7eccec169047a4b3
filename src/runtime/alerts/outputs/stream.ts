// JSON lines to a stream: stdout, or a file opened for append.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Alert } from '../alert.js';
import type { AlertOutput } from './output.js';

export class StreamOutput implements AlertOutput {
  private written = 0;
  private dropped = 0;
  constructor(
    readonly name: string,
    private readonly stream: Writable,
    private readonly ownsStream: boolean,
    private readonly maxBufferedBytes = 64 << 20,
  ) {}
  write(a: Alert): void {
    // a stuck reader must not grow our memory without bound
    if (this.stream.writableLength > this.maxBufferedBytes) {
      this.dropped++;
      return;
    }
    this.stream.write(`${JSON.stringify(a)}\n`);
    this.written++;
  }
  async close(): Promise<void> {
    if (!this.ownsStream) return;
    await new Promise<void>((r) => this.stream.end(() => r()));
  }
  stats() {
    return { written: this.written, dropped: this.dropped };
  }
}

export function fileOutput(path: string): StreamOutput {
  return new StreamOutput(`file:${path}`, createWriteStream(path, { flags: 'a' }), true);
}
