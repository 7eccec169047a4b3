// The library surface: the same engine as the CLI, typed, without process.exit or console output.
export * from './core/types.js';
export { PalisadeError, isPalisadeError, type ErrorCode } from './core/errors.js';
export type * from './catalog/analyzer.js';
export { analyzers } from './catalog/registry.js';
export { scanImage, scanImageSource } from './scan/image.js';
export { scanRootfs, scanFilesystem } from './scan/filesystem.js';
export type { ScanOptions, ProgressEvent } from './scan/options.js';
export { openImage } from './sources/index.js';
export type { ImageSource, LayerRef } from './sources/types.js';
export { writers, writerFor } from './report/index.js';
export { VERSION } from './version.js';
