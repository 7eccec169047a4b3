// The image scan: source → per-layer analysis (cache first, else one streaming read) → squash →
// stages → report. Layers are independent until the squash, so they are analysed concurrently.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Analyzer } from '../catalog/analyzer.js';
import { analyzeWalk, type LayerAnalysis, type WalkItem, LAYER_ANALYSIS_FORMAT } from '../catalog/layer.js';
import { squash } from '../catalog/squash.js';
import { errorMessage, PalisadeError } from '../core/errors.js';
import type { Artifact, LayerInfo, Report, Warning } from '../core/types.js';
import { defaultCacheDir, LayerCache, layerCacheKey } from '../extract/cache.js';
import { layerStream } from '../extract/layer-stream.js';
import { tarWalk } from '../extract/tar-walk.js';
import { shortDigest } from '../sources/digest.js';
import { openImage } from '../sources/index.js';
import type { ImageSource, LayerRef } from '../sources/types.js';
import { activeAnalyzers } from './active-analyzers.js';
import type { ScanOptions } from './options.js';
import { buildReport } from './report.js';
import { sanitizeCreatedBy } from './sanitize.js';
import { runStages } from './run-stages.js';

export async function scanImage(ref: string, opts: ScanOptions = {}): Promise<Report> {
  opts.onProgress?.({ phase: 'resolve', name: ref });
  const t0 = performance.now();
  const source = await openImage(ref, opts);
  const resolveMs = performance.now() - t0;
  try {
    const report = await scanImageSource(source, opts);
    report.timings = { resolve: Math.round(resolveMs), ...(report.timings ?? {}) };
    return report;
  } finally {
    await source.close();
  }
}

function emptyAnalysis(): LayerAnalysis {
  return {
    format: LAYER_ANALYSIS_FORMAT,
    files: { paths: [], meta: [], links: {} },
    whiteouts: [],
    opaqueDirs: [],
    results: [],
    warnings: [],
    stats: { entries: 0, filesRead: 0, bytesRead: 0 },
  };
}

function counting(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      onBytes(chunk.length);
      cb(null, chunk);
    },
  });
}

interface LayerOutcome {
  analysis: LayerAnalysis;
  cached: boolean;
  incomplete?: boolean;
}

async function analyzeImageLayer(
  source: ImageSource,
  layer: LayerRef,
  analyzers: readonly Analyzer[],
  opts: ScanOptions,
  cache: LayerCache | undefined,
): Promise<LayerOutcome> {
  const total = source.layers.length;
  const options = opts.analyzerOptions ?? {};
  const key = layerCacheKey(layer.diffId, 'image', analyzers, options);
  const label = `layer ${layer.index} (${shortDigest(layer.digest ?? layer.diffId)})`;
  if (cache) {
    const hit = await cache.get(key);
    if (hit) {
      opts.onProgress?.({ phase: 'layer-start', index: layer.index, total, cached: true, size: layer.size });
      opts.onProgress?.({ phase: 'layer-done', index: layer.index, total, cached: true });
      return { analysis: hit, cached: true };
    }
  }
  opts.onProgress?.({ phase: 'layer-start', index: layer.index, total, cached: false, size: layer.size });
  if (layer.foreign) {
    const a = emptyAnalysis();
    a.warnings.push({
      code: 'FOREIGN_LAYER',
      message: `${label} is a foreign (non-distributable) layer that the source does not hold; not analysed`,
    });
    return { analysis: a, cached: false, incomplete: true };
  }
  let bytes = 0;
  let lastReport = 0;
  const open = async () => {
    const raw = await layer.open();
    const tap = counting((n) => {
      bytes += n;
      if (bytes - lastReport > 4 * 1024 * 1024) {
        lastReport = bytes;
        opts.onProgress?.({ phase: 'layer-progress', index: layer.index, bytes, size: layer.size });
      }
    });
    raw.on('error', (e) => tap.destroy(e));
    return raw.pipe(tap);
  };
  const walkWarnings: Warning[] = [];
  const stream = layerStream(await open(), { label, maxUncompressedBytes: opts.maxLayerBytes });
  let analysis: LayerAnalysis;
  try {
    analysis = await analyzeWalk(tarWalk(stream.chunks, walkWarnings), {
      mode: 'image',
      analyzers,
      options,
      layerIndex: layer.index,
      rewalk: () =>
        (async function* (): AsyncGenerator<WalkItem> {
          const again = layerStream(await layer.open(), { label, maxUncompressedBytes: opts.maxLayerBytes });
          yield* tarWalk(again.chunks, []);
        })(),
    });
  } catch (e) {
    // a source that could not deliver the blob (network, auth) fails the scan: a layer we never saw is
    // not a layer we can call clean
    const sourceFailure = e instanceof PalisadeError && (e.code === 'NETWORK' || e.code === 'AUTH');
    if (
      e instanceof PalisadeError &&
      e.code !== 'INTERNAL' &&
      e.code !== 'DIGEST_MISMATCH' &&
      !sourceFailure
    ) {
      // A blob that is not what the manifest says is tampered or corrupt in transit: fail, naming it.
      // A blob that is exactly what it claims but malformed inside is a warning; the scan goes on.
      if (layer.digest?.startsWith('sha256:')) {
        const actual = await hashBlob(layer).catch(() => undefined);
        if (actual && actual !== layer.digest)
          throw new PalisadeError(
            'DIGEST_MISMATCH',
            `${source.name}: layer ${layer.index} blob ${layer.digest} has digest ${actual}; the image is corrupt or was tampered with`,
          );
      }
      const a = emptyAnalysis();
      a.warnings.push(...walkWarnings, {
        code: 'LAYER_INCOMPLETE',
        message: `${label}: ${errorMessage(e)}; the layer was not fully analysed and its digest not verified`,
      });
      return { analysis: a, cached: false, incomplete: true };
    }
    throw e;
  }
  analysis.warnings.unshift(...walkWarnings);
  const stats = stream.stats();
  if (layer.digest && layer.digest.startsWith('sha256:') && stats.blobDigest !== layer.digest)
    throw new PalisadeError(
      'DIGEST_MISMATCH',
      `${source.name}: layer ${layer.index} blob ${layer.digest} has digest ${stats.blobDigest}; the image is corrupt or was tampered with`,
    );
  if (stats.diffId !== layer.diffId)
    throw new PalisadeError(
      'DIGEST_MISMATCH',
      `${source.name}: layer ${layer.index} (${layer.digest ?? 'blob'}) uncompressed content has diffID ${stats.diffId} but the image config says ${layer.diffId}`,
    );
  analysis.stats.uncompressedBytes = stats.uncompressedBytes;
  analysis.stats.compressedBytes = stats.compressedBytes;
  if (cache) {
    try {
      await cache.put(key, analysis);
    } catch (e) {
      analysis.warnings.push({ code: 'CACHE_WRITE', message: `layer cache: ${errorMessage(e)}` });
    }
  }
  opts.onProgress?.({ phase: 'layer-done', index: layer.index, total, cached: false });
  return { analysis, cached: false };
}

async function hashBlob(layer: LayerRef): Promise<string> {
  const h = createHash('sha256');
  for await (const c of await layer.open()) h.update(c as Buffer);
  return `sha256:${h.digest('hex')}`;
}

/** Run `fn` over items with at most `limit` at once, keeping result order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed;
  return out;
}

/** Layer i's history entry: history has entries for empty layers too (empty_layer: true). */
function historyByLayer(source: ImageSource): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const h of source.config.history ?? []) if (!h.empty_layer) out.push(h.created_by);
  return out;
}

export async function scanImageSource(source: ImageSource, opts: ScanOptions = {}): Promise<Report> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const analyzers = activeAnalyzers(opts, 'image');
  const cache = opts.noCache ? undefined : new LayerCache(opts.cacheDir ?? defaultCacheDir(opts.env));
  const outcomes = await mapLimit(source.layers, opts.layerConcurrency ?? 2, (l) =>
    analyzeImageLayer(source, l, analyzers, opts, cache),
  );
  lap('layers');
  const squashed = squash(
    outcomes.map((o, i) => ({ analysis: o.analysis, index: i, diffId: source.layers[i]!.diffId })),
    analyzers,
    { mode: 'image', options: opts.analyzerOptions ?? {} },
  );
  lap('squash');
  const history = historyByLayer(source);
  const layers: LayerInfo[] = source.layers.map((l, i) => {
    const info: LayerInfo = { index: i, diffId: l.diffId };
    if (l.digest && l.digest !== l.diffId) info.digest = l.digest;
    if (l.size !== undefined) info.size = l.size;
    if (l.mediaType) info.mediaType = l.mediaType;
    const cb = history[i];
    if (cb) info.createdBy = sanitizeCreatedBy(cb);
    info.cached = outcomes[i]!.cached;
    if (outcomes[i]!.incomplete) info.incomplete = true;
    return info;
  });
  const artifact: Artifact = {
    name: source.name,
    type: 'container-image',
    imageId: source.configDigest,
    layers,
    config: source.config,
  };
  if (source.manifestDigest) artifact.digest = source.manifestDigest;
  if (source.repoTags?.length) artifact.repoTags = source.repoTags;
  if (source.repoDigests?.length) artifact.repoDigests = source.repoDigests;
  if (source.platform) artifact.platform = source.platform;
  if (squashed.os) artifact.os = squashed.os;

  const ctx = await runStages({
    mode: 'image',
    artifact,
    packages: squashed.packages,
    findings: squashed.findings,
    warnings: [...source.warnings, ...squashed.warnings],
    squashed,
    options: opts,
    extra: {},
  });
  lap('stages');
  // the raw config may hold secrets in Env and history; stages have seen it, the report does not keep it
  delete artifact.config;
  return buildReport({ ...ctx, db: ctx.extra.db, timings });
}
