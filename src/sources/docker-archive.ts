// `docker save` / `skopeo copy … docker-archive:` tarballs: manifest.json names the config and the layer
// members. Layers may be plain tars (docker save) or compressed (skopeo keeps blobs as they were).
import { PalisadeError } from '../core/errors.js';
import type { ImageConfig, Warning } from '../core/types.js';
import { digestOf, verifyDigest } from './digest.js';
import { MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES } from './oci.js';
import type { TarFile } from './tar-file.js';
import type { ImageSource, LayerRef } from './types.js';

interface ArchiveManifestEntry {
  Config?: string;
  RepoTags?: string[] | null;
  Layers?: string[];
  LayerSources?: Record<string, { mediaType?: string; size?: number; digest?: string; urls?: string[] }>;
}

/** sha256 digest implied by a member name: blobs/sha256/<hex>, <hex>.json, <hex>.tar */
function digestFromName(name: string): string | undefined {
  const m = /(?:^|\/)(?:blobs\/sha256\/)?([a-f0-9]{64})(?:\.json|\.tar)?$/.exec(name);
  return m ? `sha256:${m[1]}` : undefined;
}

/**
 * `select` picks one image of a multi-image archive: a repo tag ("app:1.0") or "@N" (0-based).
 */
export async function openDockerArchive(
  tar: TarFile,
  opts: { name: string; select?: string },
): Promise<ImageSource> {
  const path = tar.path;
  try {
    const body = await tar.read('manifest.json', MAX_MANIFEST_BYTES);
    if (!body) throw new PalisadeError('INPUT', `${path}: not a docker-archive (no manifest.json)`);
    let entries: ArchiveManifestEntry[];
    try {
      entries = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw new PalisadeError('INPUT', `${path}: manifest.json is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(entries) || entries.length === 0)
      throw new PalisadeError('INPUT', `${path}: manifest.json lists no images`);
    let entry: ArchiveManifestEntry | undefined;
    const tags = entries.flatMap((e) => e.RepoTags ?? []);
    if (opts.select !== undefined) {
      if (opts.select.startsWith('@')) entry = entries[Number(opts.select.slice(1))];
      else
        entry = entries.find((e) =>
          (e.RepoTags ?? []).some(
            (t) => t === opts.select || t === `${opts.select}:latest` || t.endsWith(`/${opts.select}`),
          ),
        );
      if (!entry)
        throw new PalisadeError(
          'NOT_FOUND',
          `${path}: no image ${JSON.stringify(opts.select)} in the archive; it holds: ${tags.join(', ') || `${entries.length} untagged image(s), use @0…@${entries.length - 1}`}`,
        );
    } else if (entries.length > 1) {
      throw new PalisadeError(
        'USAGE',
        `${path}: the archive holds ${entries.length} images (${tags.join(', ') || 'untagged'}); pick one with docker-archive:${path}:TAG or :@N`,
      );
    } else entry = entries[0]!;

    if (!entry.Config || !Array.isArray(entry.Layers))
      throw new PalisadeError('INPUT', `${path}: manifest.json entry has no Config or Layers`);
    const cfgBody = await tar.read(entry.Config, MAX_CONFIG_BYTES);
    if (!cfgBody)
      throw new PalisadeError('INPUT', `${path}: config ${entry.Config} is missing from the archive`);
    const cfgDigest = digestFromName(entry.Config);
    if (cfgDigest) verifyDigest(cfgBody, cfgDigest, `${path}: config`);
    let config: ImageConfig;
    try {
      config = JSON.parse(cfgBody.toString('utf8'));
    } catch (e) {
      throw new PalisadeError(
        'INPUT',
        `${path}: config ${entry.Config} is not valid JSON: ${(e as Error).message}`,
      );
    }
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== entry.Layers.length)
      throw new PalisadeError(
        'INPUT',
        `${path}: manifest.json lists ${entry.Layers.length} layers but the config lists ${diffIds.length} diff_ids`,
      );
    const warnings: Warning[] = [];
    const layers: LayerRef[] = entry.Layers.map((member, index) => {
      const diffId = diffIds[index]!;
      const foreignSrc = entry!.LayerSources?.[diffId];
      const present = tar.get(member) !== undefined;
      const nameDigest = member.startsWith('blobs/') ? digestFromName(member) : undefined;
      const ref: LayerRef = {
        index,
        diffId,
        digest: nameDigest ?? foreignSrc?.digest,
        size: tar.get(member)?.size ?? foreignSrc?.size,
        mediaType: foreignSrc?.mediaType,
        foreign: !present && !!foreignSrc,
        open: async () => {
          if (!present)
            throw new PalisadeError('INPUT', `${path}: layer ${member} is missing from the archive`);
          return tar.openStream(member);
        },
      };
      return ref;
    });
    return {
      name: opts.name,
      type: 'docker-archive',
      configDigest: cfgDigest ?? digestOf(cfgBody),
      config,
      layers,
      repoTags: entry.RepoTags ?? undefined,
      platform:
        config.os && config.architecture
          ? [config.os, config.architecture, config.variant].filter(Boolean).join('/')
          : undefined,
      warnings,
      close: () => tar.close(),
    };
  } catch (e) {
    await tar.close();
    throw e;
  }
}
