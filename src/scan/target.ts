// One argument naming anything scannable, for verbs that take every kind of target (`palisade sbom`):
//   rootfs:DIR            a root filesystem (installed packages only, as `palisade rootfs`)
//   fs:DIR | dir:DIR      a project directory (lockfiles and manifests too, as `palisade fs`)
//   DIR                   a directory: an OCI layout when it holds an `oci-layout` file, else fs:DIR
//   anything else         an image reference, as `palisade image` takes it
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../core/types.js';
import { scanFilesystem, scanRootfs } from './filesystem.js';
import { scanImage } from './image.js';
import type { ScanOptions } from './options.js';

export type Target = { kind: 'image'; ref: string } | { kind: 'rootfs' | 'fs'; dir: string };

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

export async function parseTarget(arg: string): Promise<Target> {
  const m = /^(rootfs|fs|dir):(.+)$/.exec(arg);
  if (m) return { kind: m[1] === 'rootfs' ? 'rootfs' : 'fs', dir: m[2]! };
  if ((await isDir(arg)) && !(await stat(join(arg, 'oci-layout')).catch(() => undefined)))
    return { kind: 'fs', dir: arg };
  return { kind: 'image', ref: arg };
}

export function scanTarget(t: Target, opts: ScanOptions): Promise<Report> {
  if (t.kind === 'image') return scanImage(t.ref, opts);
  return t.kind === 'rootfs' ? scanRootfs(t.dir, opts) : scanFilesystem(t.dir, opts);
}
