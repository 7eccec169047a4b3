// One error class for the whole library. `code` is stable and machine-readable; only the CLI maps it to
// an exit code (usage/input → 2, everything else → 3). Messages are one line that names the input and
// the problem.

export type ErrorCode =
  | 'USAGE' // bad flags or arguments
  | 'INPUT' // the input (path, reference, file) is missing or malformed as a whole
  | 'DIGEST_MISMATCH' // a blob's content does not match its digest
  | 'PLATFORM_NOT_FOUND'
  | 'UNSUPPORTED' // a format or feature the runtime or scanner cannot handle
  | 'AUTH' // a registry refused our credentials
  | 'NETWORK'
  | 'NOT_FOUND'
  | 'LIMIT' // a safety bound was hit
  | 'DB' // vulnerability database missing/corrupt
  | 'INTERNAL';

const INPUT_CODES = new Set<ErrorCode>([
  'USAGE',
  'INPUT',
  'DIGEST_MISMATCH',
  'PLATFORM_NOT_FOUND',
  'UNSUPPORTED',
  'AUTH',
  'NOT_FOUND',
  'LIMIT',
  'NETWORK',
  'DB',
]);

export class PalisadeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PalisadeError';
    this.code = code;
  }
  /** true when the user can fix it (exit 2), false for bugs (exit 3) */
  get isUserError(): boolean {
    return INPUT_CODES.has(this.code);
  }
}

export function isPalisadeError(e: unknown): e is PalisadeError {
  return e instanceof PalisadeError;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The one-line INPUT error for a file that could not be read: "[WHAT ]PATH: no such file" or the reason. */
export function fileReadError(path: string, e: unknown, what?: string): PalisadeError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'no such file' : errorMessage(e);
  return new PalisadeError('INPUT', `${what ? `${what} ` : ''}${path}: ${reason}`, { cause: e });
}
