// Where an image reference is opened. Local transports and paths are handled here; registry
// references (`registry.example/ns/repo:tag`) and the Docker engine (`docker:NAME`) are added by their
// sources as they land.
import { PalisadeError } from '../core/errors.js';
import { isLocalReference, openLocalImage, type OpenImageOptions } from './resolve.js';
import type { ImageSource } from './types.js';

export async function openImage(ref: string, opts: OpenImageOptions = {}): Promise<ImageSource> {
  if (await isLocalReference(ref)) return openLocalImage(ref, opts);
  throw new PalisadeError(
    'INPUT',
    `${ref}: no such file or directory (registry and docker: references are not supported yet)`,
  );
}
