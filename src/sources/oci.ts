// OCI image-spec / Docker v2.2 manifest handling shared by every source that reads manifests: index →
// platform → manifest → config → layers. Sources supply the bytes; this file decides what they mean.
import type { Readable } from 'node:stream';
import { PalisadeError } from '../core/errors.js';
import type { ImageConfig, Warning } from '../core/types.js';
import { parseDigest, shortDigest, verifyDigest } from './digest.js';
import type { LayerRef } from './types.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest];

/** largest manifest/index/config accepted (the distribution spec suggests 4 MiB for manifests) */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string; variant?: string; 'os.version'?: string };
  artifactType?: string;
}

interface IndexDoc {
  schemaVersion?: number;
  mediaType?: string;
  manifests?: Descriptor[];
}

interface ManifestDoc {
  schemaVersion?: number;
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  artifactType?: string;
}

/** Fetches manifests and blobs by digest; implementations verify nothing, resolveImage does. */
export interface ManifestFetcher {
  readBlob(digest: string, maxBytes: number): Promise<Buffer>;
  openBlob(desc: Descriptor): Promise<Readable>;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const ARCH_ALIASES: Record<string, string> = {
  x86_64: 'amd64',
  x86: '386',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
};

export function parsePlatform(s: string): Platform {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p))
    throw new PalisadeError(
      'USAGE',
      `--platform ${JSON.stringify(s)}: expected os/arch[/variant], e.g. linux/amd64`,
    );
  const architecture = ARCH_ALIASES[parts[1]!] ?? parts[1]!;
  const p: Platform = { os: parts[0]!, architecture };
  if (parts[2]) p.variant = parts[2];
  return p;
}

export function formatPlatform(
  p: { os?: string; architecture?: string; variant?: string } | undefined,
): string {
  if (!p) return 'unknown';
  return [p.os ?? 'unknown', p.architecture ?? 'unknown', p.variant].filter(Boolean).join('/');
}

function platformMatches(want: Platform, have: Descriptor['platform']): boolean {
  if (!have) return false;
  if (have.os !== want.os) return false;
  if ((ARCH_ALIASES[have.architecture ?? ''] ?? have.architecture) !== want.architecture) return false;
  if (want.variant) {
    const hv = have.variant ?? (want.architecture === 'arm64' ? 'v8' : undefined);
    return hv === want.variant;
  }
  return true;
}

function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown')
  );
}

function parseJson<T>(data: Buffer, what: string): T {
  try {
    return JSON.parse(data.toString('utf8')) as T;
  } catch (e) {
    throw new PalisadeError('INPUT', `${what} is not valid JSON: ${(e as Error).message}`);
  }
}

export function isIndexMediaType(mt: string | undefined): boolean {
  return mt === MEDIA.ociIndex || mt === MEDIA.dockerList;
}

/** Choose the manifest for `platform` in an index; error lists what the index offers. */
export function selectPlatform(index: IndexDoc, want: Platform, what: string): Descriptor {
  const manifests = (index.manifests ?? []).filter((d) => !isAttestation(d));
  const candidates = manifests.filter((d) => platformMatches(want, d.platform));
  if (candidates.length === 0) {
    // an index without platform fields and one manifest (common in OCI layouts written by tools)
    if (manifests.length === 1 && !manifests[0]!.platform) return manifests[0]!;
    const offered = manifests.map((d) => formatPlatform(d.platform));
    throw new PalisadeError(
      'PLATFORM_NOT_FOUND',
      `${what}: no image for platform ${formatPlatform(want)}; available: ${offered.join(', ') || 'none'} (choose with --platform)`,
    );
  }
  if (!want.variant && candidates.length > 1) {
    // prefer the default variant (none, or v8 for arm64)
    const preferred = candidates.find(
      (d) => !d.platform?.variant || (want.architecture === 'arm64' && d.platform.variant === 'v8'),
    );
    if (preferred) return preferred;
  }
  return candidates[0]!;
}

export interface ResolvedImage {
  manifestDigest: string;
  configDigest: string;
  config: ImageConfig;
  layers: LayerRef[];
  platform?: string;
  warnings: Warning[];
}

const FOREIGN = new Set([
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
]);

/**
 * Resolve from a manifest or index descriptor down to a config and layers. Every manifest and the
 * config are verified against their digests here; layers are verified by the pipeline as they stream.
 */
export async function resolveImage(
  root: Descriptor,
  fetcher: ManifestFetcher,
  opts: { platform: Platform; name: string },
): Promise<ResolvedImage> {
  const warnings: Warning[] = [];
  let desc = root;
  let platform: string | undefined;
  for (let depth = 0; ; depth++) {
    if (depth > 4) throw new PalisadeError('INPUT', `${opts.name}: index nesting deeper than 4`);
    parseDigest(desc.digest);
    const body = await fetcher.readBlob(desc.digest, MAX_MANIFEST_BYTES);
    verifyDigest(body, desc.digest, `${opts.name}: manifest`);
    const doc = parseJson<IndexDoc & ManifestDoc>(body, `${opts.name}: manifest ${shortDigest(desc.digest)}`);
    const mt = doc.mediaType ?? desc.mediaType ?? (doc.manifests ? MEDIA.ociIndex : MEDIA.ociManifest);
    if (mt === MEDIA.dockerSchema1 || mt === MEDIA.dockerSchema1Signed || doc.schemaVersion === 1)
      throw new PalisadeError(
        'UNSUPPORTED',
        `${opts.name}: Docker schema 1 manifests are deprecated and not supported`,
      );
    if (isIndexMediaType(mt) || doc.manifests) {
      desc = selectPlatform(doc, opts.platform, opts.name);
      if (desc.platform) platform = formatPlatform(desc.platform);
      continue;
    }
    if (!doc.config || !Array.isArray(doc.layers))
      throw new PalisadeError(
        'INPUT',
        `${opts.name}: manifest ${shortDigest(desc.digest)} has no config or layers`,
      );
    const cfgBody = await fetcher.readBlob(doc.config.digest, MAX_CONFIG_BYTES);
    verifyDigest(cfgBody, doc.config.digest, `${opts.name}: config`);
    const config = parseJson<ImageConfig>(cfgBody, `${opts.name}: config ${shortDigest(doc.config.digest)}`);
    if (
      doc.config.mediaType &&
      doc.config.mediaType !== MEDIA.ociConfig &&
      doc.config.mediaType !== MEDIA.dockerConfig
    )
      throw new PalisadeError(
        'UNSUPPORTED',
        `${opts.name}: ${shortDigest(desc.digest)} is an artifact (${doc.artifactType ?? doc.config.mediaType}), not a container image`,
      );
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== doc.layers.length)
      throw new PalisadeError(
        'INPUT',
        `${opts.name}: manifest lists ${doc.layers.length} layers but the config lists ${diffIds.length} diff_ids`,
      );
    const layers: LayerRef[] = doc.layers.map((l, index) => {
      parseDigest(l.digest);
      const foreign = FOREIGN.has(l.mediaType ?? '');
      const ref: LayerRef = {
        index,
        diffId: diffIds[index]!,
        digest: l.digest,
        size: l.size,
        mediaType: l.mediaType,
        foreign,
        open: () => fetcher.openBlob(l),
      };
      return ref;
    });
    if (!platform && config.os && config.architecture)
      platform = formatPlatform({
        os: config.os,
        architecture: config.architecture,
        variant: config.variant,
      });
    return {
      manifestDigest: desc.digest,
      configDigest: doc.config.digest,
      config,
      layers,
      platform,
      warnings,
    };
  }
}
