// An in-memory CliIO for tests of commands.
import { PassThrough } from 'node:stream';
import type { CliIO } from './io.js';

export function captureIO(env: NodeJS.ProcessEnv = {}): CliIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d) => (o += d));
  stderr.on('data', (d) => (e += d));
  return { stdout, stderr, stdin: new PassThrough(), env, cwd: process.cwd(), out: () => o, err: () => e };
}
