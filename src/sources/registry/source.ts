// An image in a registry as an ImageSource: the manifest (or index → platform → manifest) and the
// config are fetched and verified through resolveImage; layers are opened lazily by the pipeline,
// which checks the layer cache first and hashes every blob while it streams.
import { PalisadeError } from '../../core/errors.js';
import { parsePlatform, resolveImage, type Descriptor, type ManifestFetcher } from '../oci.js';
import type { ImageSource } from '../types.js';
import { RegistryClient } from './client.js';
import { explicitCredentials, makeTransport, mirrorsFor, type RegistryAccessOptions } from './options.js';
import { familiarName, manifestRef, parseReference, type ImageReference } from './reference.js';

export interface RegistryImageOptions {
  platform?: string;
  registry?: RegistryAccessOptions;
  env?: NodeJS.ProcessEnv;
}

export function registryClient(
  registry: string,
  opts: RegistryImageOptions,
  transport = opts.registry?.transport ?? makeTransport(opts.registry, opts.env),
): RegistryClient {
  return new RegistryClient(registry, {
    transport,
    mirrors: mirrorsFor(registry, opts.registry?.mirrors),
    explicit: explicitCredentials(opts.registry),
    explicitFor: registry,
    env: opts.env,
  });
}

/** The fetcher resolveImage reads through: manifests from /manifests, everything else from /blobs. */
export function registryFetcher(
  client: RegistryClient,
  repository: string,
  first?: { digest: string; body: Buffer },
): ManifestFetcher {
  const bodies = new Map<string, Buffer>();
  const manifests = new Set<string>();
  const remember = (digest: string, body: Buffer) => {
    bodies.set(digest, body);
    manifests.add(digest);
    try {
      const doc = JSON.parse(body.toString('utf8')) as { manifests?: Descriptor[] };
      for (const d of doc.manifests ?? []) if (typeof d.digest === 'string') manifests.add(d.digest);
    } catch {
      // resolveImage reports bad JSON with its own message
    }
  };
  if (first) remember(first.digest, first.body);
  return {
    async readBlob(digest, maxBytes) {
      const hit = bodies.get(digest);
      if (hit) return hit;
      if (manifests.has(digest)) {
        const m = await client.getManifest(repository, digest);
        remember(digest, m.body);
        return m.body;
      }
      return client.readBlob(repository, digest, maxBytes);
    },
    async openBlob(desc) {
      return client.openBlob(repository, desc.digest, desc.size);
    },
  };
}

export async function openRegistryImage(ref: string, opts: RegistryImageOptions = {}): Promise<ImageSource> {
  const r: ImageReference = parseReference(ref);
  const platform = parsePlatform(opts.platform ?? 'linux/amd64');
  const ownTransport = !opts.registry?.transport;
  const client = registryClient(r.registry, opts);
  const close = async () => {
    if (ownTransport) client.transport.close();
  };
  try {
    const m = await client.getManifest(r.repository, manifestRef(r));
    const root: Descriptor = { mediaType: m.mediaType, digest: m.digest, size: m.body.length };
    const resolved = await resolveImage(root, registryFetcher(client, r.repository, m), {
      platform,
      name: ref,
    });
    const familiar = familiarName(r.registry, r.repository);
    // foreign/non-distributable layers stay in the list marked foreign: the pipeline reports each one
    // (FOREIGN_LAYER warning, layer marked incomplete) and never fetches it
    return {
      name: ref,
      type: 'registry',
      manifestDigest: resolved.manifestDigest,
      configDigest: resolved.configDigest,
      config: resolved.config,
      layers: resolved.layers,
      repoTags: r.tag && !r.digest ? [`${familiar}:${r.tag}`] : undefined,
      repoDigests: [`${familiar}@${m.digest}`],
      platform: resolved.platform,
      warnings: resolved.warnings,
      close,
    };
  } catch (e) {
    await close();
    if (e instanceof PalisadeError) throw e;
    throw new PalisadeError('NETWORK', `${ref}: ${(e as Error).message}`, { cause: e });
  }
}
