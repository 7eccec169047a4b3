// Where an image reference is opened: local transports and paths, the Docker engine (`docker:NAME`),
// registries (`registry:REF`, skopeo's `docker://REF`, or a bare name that is not a local path), in
// the --image-src order for bare names.
import { PalisadeError, errorMessage } from '../core/errors.js';
import { inspectEngineImage, engineEndpoint, openEngineImage } from './docker-daemon.js';
import type { RegistryAccessOptions } from './registry/options.js';
import { parseReference } from './registry/reference.js';
import { openRegistryImage } from './registry/source.js';
import { isLocalReference, openLocalImage, type OpenImageOptions as LocalOptions } from './resolve.js';
import type { ImageSource } from './types.js';

export const IMAGE_SRCS = ['docker', 'registry'] as const;
export type ImageSrc = (typeof IMAGE_SRCS)[number];

export interface OpenImageOptions extends LocalOptions {
  registry?: RegistryAccessOptions;
  /** where a bare name is looked for, in order (default docker, then registry) */
  imageSrc?: readonly ImageSrc[];
  env?: NodeJS.ProcessEnv;
}

/** A bare argument that can only be meant as a file: a path form, or an archive name. */
function looksLikePath(ref: string): boolean {
  return (
    /^(?:\/|\.{1,2}(?:\/|$)|~)/.test(ref) ||
    /\.(?:tar|tgz|tar\.gz|tar\.zst)$/i.test(ref) ||
    ref.includes('\\')
  );
}

export async function openImage(ref: string, opts: OpenImageOptions = {}): Promise<ImageSource> {
  if (ref.startsWith('docker:') && !ref.startsWith('docker://'))
    return openEngineImage(ref, ref.slice('docker:'.length), opts);
  if (ref.startsWith('docker-daemon:')) return openEngineImage(ref, ref.slice('docker-daemon:'.length), opts);
  if (ref.startsWith('registry:')) return openRegistryImage(ref.slice('registry:'.length), opts);
  if (ref.startsWith('docker://')) return openRegistryImage(ref.slice('docker://'.length), opts);
  if (await isLocalReference(ref)) return openLocalImage(ref, opts);
  if (looksLikePath(ref)) throw new PalisadeError('INPUT', `${ref}: no such file or directory`);
  try {
    parseReference(ref);
  } catch (e) {
    throw new PalisadeError(
      'INPUT',
      `${ref}: no such file or directory, and ${errorMessage(e).replace(/^.*?: /, '')}`,
    );
  }
  const order = opts.imageSrc?.length ? opts.imageSrc : IMAGE_SRCS;
  const misses: string[] = [];
  for (const src of order) {
    if (src === 'docker') {
      const ep = engineEndpoint(opts.env);
      try {
        if (await inspectEngineImage(ref, ep)) return await openEngineImage(ref, ref, opts);
        misses.push(`not in the Docker engine at ${ep.display}`);
      } catch (e) {
        if (!(e instanceof PalisadeError) || e.code !== 'NETWORK' || order.length === 1) throw e;
        misses.push('no Docker engine reachable');
      }
      continue;
    }
    try {
      return await openRegistryImage(ref, opts);
    } catch (e) {
      if (misses.length && e instanceof PalisadeError)
        throw new PalisadeError(e.code, `${e.message} (also ${misses.join(', ')})`);
      throw e;
    }
  }
  throw new PalisadeError('NOT_FOUND', `${ref}: ${misses.join('; ')} (--image-src ${order.join(',')})`);
}
