// On-disk cache of per-layer analysis, keyed by (diffID, analyzer ids+versions+config). One JSON file
// per key, written to a temporary name and renamed into place: concurrent scans sharing the directory
// at worst both write the same content, and a reader never sees a half-written file. A file that does
// not parse is treated as a miss and removed.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Analyzer } from '../catalog/analyzer.js';
import { LAYER_ANALYSIS_FORMAT, type LayerAnalysis } from '../catalog/layer.js';

const CACHE_LAYOUT = 'v1';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PALISADE_CACHE_DIR) return env.PALISADE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'palisade');
}

/** The cache key: what the analysis of a layer is a pure function of. */
export function layerCacheKey(
  diffId: string,
  mode: string,
  analyzers: readonly Analyzer[],
  options: Readonly<Record<string, unknown>>,
): string {
  const parts = analyzers
    .filter((a) => !a.modes || a.modes.includes(mode as never))
    .map((a) => `${a.id}@${a.version}${a.configKey ? `:${a.configKey(options)}` : ''}`)
    .sort();
  return createHash('sha256')
    .update(JSON.stringify([CACHE_LAYOUT, LAYER_ANALYSIS_FORMAT, diffId, mode, parts]))
    .digest('hex');
}

export class LayerCache {
  readonly dir: string;
  constructor(root: string) {
    this.dir = join(root, 'layers', CACHE_LAYOUT);
  }

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<LayerAnalysis | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const v = JSON.parse(text) as LayerAnalysis;
      if (v && v.format === LAYER_ANALYSIS_FORMAT && Array.isArray(v.results)) return v;
    } catch {
      // fall through: corrupt entry
    }
    await unlink(this.file(key)).catch(() => {});
    return undefined;
  }

  async put(key: string, value: LayerAnalysis): Promise<void> {
    const file = this.file(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(value));
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
  }
}

/** Remove the whole cache directory; returns what was there. */
export async function cleanCache(root: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const walk = async (d: string) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        files++;
        bytes += (await stat(p).catch(() => ({ size: 0 }))).size;
      }
    }
  };
  await walk(root);
  await rm(root, { recursive: true, force: true });
  return { files, bytes };
}
