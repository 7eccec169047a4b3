// The library surface: the same engine as the CLI, typed, without process.exit or console output.
export * from './core/types.js';
export { PalisadeError, isPalisadeError, type ErrorCode } from './core/errors.js';
export type * from './catalog/analyzer.js';
export { VERSION } from './version.js';
