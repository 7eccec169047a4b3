// Drift detection: is an executable a container ran part of its image?
//
// Approach (documented in docs/runtime.md): the engine tells us the container's overlay layers
// (GraphDriver.Data: LowerDir = the image's layers, UpperDir = what the container wrote since it was
// created). A path that resolves — symlinks followed inside the container's root, never outside it —
// to a regular file present in UpperDir was added or modified after the image was built: drift. Its
// sha256 (and, on request, a copy of its bytes) goes into the alert's evidence. For storage drivers
// without an upper directory we ask the engine for the container's changes (`docker diff`) instead.
// When the image scanner's file index for the image is available it can answer the same question by
// digest; this module keeps the layer-based answer so the agent works without a prior scan.
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readlinkSync } from 'node:fs';
import { posix } from 'node:path';

export interface ContainerLayers {
  driver?: string;
  upperDir?: string;
  lowerDirs?: string[];
  mergedDir?: string;
}

export interface DriftResult {
  /** true: not from the image (added or modified in the container) */
  drift: boolean;
  /** 'added' (not in any image layer) or 'modified' (shadows an image file) */
  kind?: 'added' | 'modified';
  /** the path after resolving symlinks inside the container */
  resolved?: string;
  /** host path of the file (in the upper layer) */
  hostPath?: string;
}

function lstat(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Resolve `path` inside the directory tree `roots` stack (first hit wins, like overlayfs), following
 * symlinks as the container would: absolute targets restart at the container's root, `..` never climbs
 * above it. Bounded to 40 links (Linux's MAXSYMLINKS).
 */
export function resolveInLayers(roots: readonly string[], path: string): string | undefined {
  let parts = posix.normalize(`/${path}`).split('/').filter(Boolean);
  let out: string[] = [];
  let links = 0;
  while (parts.length) {
    const seg = parts.shift()!;
    if (seg === '.') continue;
    if (seg === '..') {
      out.pop();
      continue;
    }
    out.push(seg);
    const rel = out.join('/');
    let st: ReturnType<typeof lstat>;
    let hit: string | undefined;
    for (const r of roots) {
      st = lstat(`${r}/${rel}`);
      // overlay2 whiteout: a 0/0 character device hides the lower layers' file
      if (st?.isCharacterDevice() && st.rdev === 0) return undefined;
      if (st) {
        hit = `${r}/${rel}`;
        break;
      }
      if (lstat(`${r}/${posix.dirname(rel)}/.wh.${posix.basename(rel)}`)) return undefined; // whiteout
    }
    if (!st || !hit) return parts.length ? undefined : `/${rel}`;
    if (st.isSymbolicLink()) {
      if (++links > 40) return undefined;
      const target = readlinkSync(hit);
      out.pop();
      if (target.startsWith('/')) out = [];
      parts = [...target.split('/').filter(Boolean), ...parts];
    }
  }
  return `/${out.join('/')}`;
}

export function checkUpperLayer(layers: ContainerLayers, exepath: string): DriftResult {
  if (!layers.upperDir) return { drift: false };
  const roots = [layers.upperDir, ...(layers.lowerDirs ?? [])];
  const resolved = resolveInLayers(roots, exepath);
  if (!resolved) return { drift: false };
  const up = lstat(`${layers.upperDir}${resolved}`);
  if (!up || !up.isFile()) return { drift: false, resolved };
  const inImage = (layers.lowerDirs ?? []).some((d) => lstat(`${d}${resolved}`)?.isFile());
  return {
    drift: true,
    kind: inImage ? 'modified' : 'added',
    resolved,
    hostPath: `${layers.upperDir}${resolved}`,
  };
}

export async function sha256File(path: string, maxBytes = 512 << 20): Promise<string | undefined> {
  try {
    const st = lstatSync(path);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const h = createHash('sha256');
    for await (const c of createReadStream(path)) h.update(c as Buffer);
    return h.digest('hex');
  } catch {
    return undefined;
  }
}
