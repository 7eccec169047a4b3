// What a command may touch of the process. Tests pass their own; the bin passes the real one.
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Exit codes (DESIGN.md): 0 ok, 1 findings at or above the gate, 2 usage or input error, 3 internal. */
export const EXIT = { OK: 0, GATE: 1, USAGE: 2, INTERNAL: 3 } as const;
