import type { Command } from 'commander';
import type { CliIO } from './io.js';

/**
 * A CLI verb. `register` adds it to the program; its action returns the exit code via `setExit` so
 * that main() stays the only place that decides the process outcome.
 */
export interface CommandModule {
  name: string;
  register(program: Command, ctx: CommandContext): void;
}

export interface CommandContext {
  io: CliIO;
  setExit(code: number): void;
}
