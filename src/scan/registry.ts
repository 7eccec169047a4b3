// Registry hygiene (NIST SP 800-190 §3.2 and §4.2): list a registry's repositories and tags (catalog
// and tags/list, paginated), scan each unique manifest digest once through the normal pipeline (its
// layer cache makes shared base layers one analysis), and report
//   - stale images: built (config `created`) — or, when the build date is unknown, pushed (the
//     manifest's Last-Modified) — longer ago than the threshold;
//   - images whose base has a newer version in the same registry. "Base" is, in this order:
//     1. declared: the OCI annotations org.opencontainers.image.base.name / .base.digest on the
//        manifest (or index), or the same keys as config labels. The base is outdated when its name
//        (in this registry) now resolves to another digest.
//     2. inferred: among the scanned images, the one whose layer diffIDs are the longest strict
//        prefix of this image's diffIDs (the image was built FROM it, so it starts with exactly those
//        layers). The base is outdated when its repository holds an image created later on the same
//        tag line: a tag with the same name prefix, major version and suffix (12.4-slim and 12.7-slim
//        are one line, 11-slim and 12-slim are not; non-version tags such as "latest" are their own
//        line).
import { PalisadeError, errorMessage } from '../core/errors.js';
import type { ImageConfig, Report, Warning } from '../core/types.js';
import {
  isIndexMediaType,
  parsePlatform,
  resolveImage,
  selectPlatform,
  type Descriptor,
} from '../sources/oci.js';
import type { RegistryClient } from '../sources/registry/client.js';
import { makeTransport } from '../sources/registry/options.js';
import { parseReference, splitRepository } from '../sources/registry/reference.js';
import { registryClient, registryFetcher } from '../sources/registry/source.js';
import type { ImageSource } from '../sources/types.js';
import { scanImageSource } from './image.js';
import type { ScanOptions } from './options.js';

export const BASE_NAME = 'org.opencontainers.image.base.name';
export const BASE_DIGEST = 'org.opencontainers.image.base.digest';

export interface RegistryScanOptions extends ScanOptions {
  /** images built (or pushed) longer ago than this many days are stale (default 90) */
  staleDays?: number;
  /** stop after this many unique images (default 1000) */
  maxImages?: number;
  /** scan only the N last tags of each repository in tag-list order (0 = all) */
  tagsPerRepo?: number;
  /** page size for catalog and tags/list requests (default 100) */
  pageSize?: number;
  /** the clock, for tests */
  now?: Date;
}

export interface RegistryImage {
  /** manifest digest the tags point at (an index for multi-platform images) */
  digest: string;
  references: { repository: string; tag: string }[];
  /** the platform manifest scanned */
  manifestDigest?: string;
  imageId?: string;
  created?: string;
  pushed?: string;
  diffIds?: string[];
  declaredBase?: { name?: string; digest?: string };
  report?: Report;
  error?: string;
}

export interface StaleImage {
  digest: string;
  references: string[];
  /** what the age is measured from */
  basis: 'created' | 'pushed';
  date: string;
  ageDays: number;
}

export interface OutdatedBase {
  digest: string;
  references: string[];
  how: 'declared' | 'inferred';
  base: { reference: string; digest: string; created?: string };
  newer: { reference: string; digest: string; created?: string };
}

export interface RegistryScanResult {
  registry: string[];
  repositories: string[];
  images: RegistryImage[];
  stale: StaleImage[];
  outdatedBase: OutdatedBase[];
  warnings: Warning[];
  summary: { repositories: number; tags: number; uniqueImages: number; scanned: number; failed: number };
}

const DAY = 86_400_000;

/** "HOST" or "HOST/REPO": the host must look like one (contain '.' or ':' or be localhost). */
export function parseTarget(t: string): { host: string; repository?: string } {
  const s = t.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const slash = s.indexOf('/');
  const host = slash < 0 ? s : s.slice(0, slash);
  if (!(host.includes('.') || host.includes(':') || host === 'localhost'))
    throw new PalisadeError(
      'USAGE',
      `${t}: expected HOST[/REPO] with a registry host (e.g. registry.example.com/team/app)`,
    );
  if (slash < 0) return { host };
  const { registry, repository } = splitRepository(s, t);
  return { host: registry, repository };
}

/** A date that says something (reproducible builds set created to the epoch). */
function meaningfulDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const t = Date.parse(d);
  if (Number.isNaN(t) || t < Date.parse('2000-01-01T00:00:00Z')) return undefined;
  return new Date(t).toISOString();
}

/** tag line: prefix + major version + suffix ("v12.4.1-slim" → "v12-slim"); non-version tags are their own line */
export function tagLine(tag: string): string {
  const m = /^(\D*?)(\d+)((?:\.\d+)*)(.*)$/.exec(tag);
  if (!m) return tag;
  return `${m[1]}${m[2]}${m[4]}`;
}

function refs(img: RegistryImage): string[] {
  return img.references.map((r) => `${r.repository}:${r.tag}`);
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length < b.length && a.every((d, i) => b[i] === d);
}

export async function scanRegistry(
  targets: readonly string[],
  opts: RegistryScanOptions = {},
): Promise<RegistryScanResult> {
  if (!targets.length) throw new PalisadeError('USAGE', 'registry scan: name at least one HOST or HOST/REPO');
  const now = opts.now ?? new Date();
  const staleDays = opts.staleDays ?? 90;
  const maxImages = opts.maxImages ?? 1000;
  const platform = parsePlatform(opts.platform ?? 'linux/amd64');
  const warnings: Warning[] = [];
  const ownTransport = !opts.registry?.transport;
  const transport = opts.registry?.transport ?? makeTransport(opts.registry, opts.env);
  const byHost = new Map<string, Set<string> | 'all'>();
  for (const t of targets) {
    const { host, repository } = parseTarget(t);
    const cur = byHost.get(host);
    if (!repository) byHost.set(host, 'all');
    else if (cur !== 'all') byHost.set(host, new Set([...(cur ?? []), repository]));
  }
  const images = new Map<
    string,
    RegistryImage & { client: RegistryClient; body: Buffer; mediaType: string; repository: string }
  >();
  const repositories: string[] = [];
  let tagCount = 0;
  const clients = new Map<string, RegistryClient>();
  try {
    for (const [host, want] of byHost) {
      const client = registryClient(host, opts, transport);
      clients.set(host, client);
      const repos: string[] = [];
      if (want === 'all') for await (const r of client.catalog(opts.pageSize)) repos.push(r);
      else repos.push(...want);
      for (const repo of repos) {
        const full = `${host}/${repo}`;
        repositories.push(full);
        let tags: string[] = [];
        try {
          for await (const t of client.tags(repo, opts.pageSize)) tags.push(t);
        } catch (e) {
          warnings.push({ code: 'REGISTRY_TAGS', message: `${full}: tags not listed: ${errorMessage(e)}` });
          continue;
        }
        if (opts.tagsPerRepo) tags = tags.slice(-opts.tagsPerRepo);
        tagCount += tags.length;
        for (const tag of tags) {
          let m;
          try {
            m = await client.getManifest(repo, tag);
          } catch (e) {
            warnings.push({ code: 'REGISTRY_MANIFEST', message: `${full}:${tag}: ${errorMessage(e)}` });
            continue;
          }
          const key = `${host}@${m.digest}`;
          const hit = images.get(key);
          if (hit) {
            hit.references.push({ repository: full, tag });
            continue;
          }
          if (images.size >= maxImages) {
            warnings.push({
              code: 'REGISTRY_LIMIT',
              message: `more than ${maxImages} unique images; the rest were not scanned (raise --max-images)`,
            });
            break;
          }
          const img = {
            digest: m.digest,
            references: [{ repository: full, tag }],
            client,
            body: m.body,
            mediaType: m.mediaType,
            repository: repo,
          } as RegistryImage & {
            client: RegistryClient;
            body: Buffer;
            mediaType: string;
            repository: string;
          };
          if (m.lastModified) img.pushed = m.lastModified;
          images.set(key, img);
        }
      }
    }

    let scanned = 0;
    let failed = 0;
    for (const img of images.values()) {
      const name = `${img.references[0]!.repository}@${img.digest}`;
      try {
        const doc = JSON.parse(img.body.toString('utf8')) as {
          annotations?: Record<string, string>;
          manifests?: Descriptor[];
        };
        const root: Descriptor = { mediaType: img.mediaType, digest: img.digest, size: img.body.length };
        const fetcher = registryFetcher(img.client, img.repository, { digest: img.digest, body: img.body });
        let annotations = doc.annotations ?? {};
        if (isIndexMediaType(img.mediaType) || doc.manifests) {
          // the platform manifest's annotations describe the base of that platform's image
          const chosen = selectPlatform(doc, platform, name);
          const child = JSON.parse(
            (await fetcher.readBlob(chosen.digest, 4 * 1024 * 1024)).toString('utf8'),
          ) as { annotations?: Record<string, string> };
          annotations = { ...annotations, ...(chosen.annotations ?? {}), ...(child.annotations ?? {}) };
        }
        const resolved = await resolveImage(root, fetcher, { platform, name });
        const labels = (resolved.config as ImageConfig).config?.Labels ?? {};
        const baseName = annotations[BASE_NAME] ?? labels?.[BASE_NAME];
        const baseDigest = annotations[BASE_DIGEST] ?? labels?.[BASE_DIGEST];
        if (baseName || baseDigest)
          img.declaredBase = {
            ...(baseName ? { name: baseName } : {}),
            ...(baseDigest ? { digest: baseDigest } : {}),
          };
        img.manifestDigest = resolved.manifestDigest;
        img.imageId = resolved.configDigest;
        const created = meaningfulDate(resolved.config.created);
        if (created) img.created = created;
        img.diffIds = resolved.layers.map((l) => l.diffId);
        const source: ImageSource = {
          name: `${img.references[0]!.repository}:${img.references[0]!.tag}`,
          type: 'registry',
          manifestDigest: resolved.manifestDigest,
          configDigest: resolved.configDigest,
          config: resolved.config,
          layers: resolved.layers,
          repoTags: refs(img),
          repoDigests: [`${img.references[0]!.repository}@${img.digest}`],
          platform: resolved.platform,
          warnings: resolved.warnings,
          close: async () => {},
        };
        opts.onProgress?.({ phase: 'resolve', name: source.name });
        img.report = await scanImageSource(source, opts);
        scanned++;
      } catch (e) {
        failed++;
        img.error = errorMessage(e);
        warnings.push({
          code: 'REGISTRY_IMAGE',
          message: `${refs(img).join(', ')}: not scanned: ${img.error}`,
        });
      }
    }

    const list = [...images.values()];
    const stale: StaleImage[] = [];
    for (const img of list) {
      const basis = img.created ? 'created' : img.pushed ? 'pushed' : undefined;
      if (!basis) continue;
      const date = img[basis]!;
      const ageDays = Math.floor((now.getTime() - Date.parse(date)) / DAY);
      if (ageDays > staleDays)
        stale.push({ digest: img.digest, references: refs(img), basis, date, ageDays });
    }

    const outdatedBase: OutdatedBase[] = [];
    for (const img of list) {
      if (img.error) continue;
      const o = img.declaredBase?.name
        ? await declaredOutdated(img, clients, warnings)
        : inferredOutdated(img, list);
      if (o) outdatedBase.push(o);
    }

    return {
      registry: [...byHost.keys()],
      repositories,
      images: list.map(({ client: _c, body: _b, mediaType: _m, repository: _r, ...rest }) => rest),
      stale,
      outdatedBase,
      warnings,
      summary: {
        repositories: repositories.length,
        tags: tagCount,
        uniqueImages: list.length,
        scanned,
        failed,
      },
    };
  } finally {
    if (ownTransport) transport.close();
  }
}

async function declaredOutdated(
  img: RegistryImage,
  clients: Map<string, RegistryClient>,
  warnings: Warning[],
): Promise<OutdatedBase | undefined> {
  const { name, digest } = img.declaredBase!;
  if (!name || !digest) return undefined;
  let ref;
  try {
    ref = parseReference(name);
  } catch {
    warnings.push({
      code: 'BASE_ANNOTATION',
      message: `${refs(img)[0]}: base name ${JSON.stringify(name)} is not a reference`,
    });
    return undefined;
  }
  const client = clients.get(ref.registry);
  if (!client || !ref.tag) return undefined; // only bases in the registry being scanned
  try {
    const now = await client.getManifest(ref.repository, ref.tag);
    if (now.digest === digest) return undefined;
    return {
      digest: img.digest,
      references: refs(img),
      how: 'declared',
      base: { reference: name, digest },
      newer: { reference: `${ref.registry}/${ref.repository}:${ref.tag}`, digest: now.digest },
    };
  } catch (e) {
    warnings.push({ code: 'BASE_LOOKUP', message: `${refs(img)[0]}: base ${name}: ${errorMessage(e)}` });
    return undefined;
  }
}

function inferredOutdated(img: RegistryImage, all: RegistryImage[]): OutdatedBase | undefined {
  if (!img.diffIds?.length) return undefined;
  let base: RegistryImage | undefined;
  for (const c of all)
    if (
      c !== img &&
      c.diffIds &&
      isPrefix(c.diffIds, img.diffIds) &&
      (!base || c.diffIds.length > base.diffIds!.length)
    )
      base = c;
  if (!base?.created) return undefined;
  const baseRepos = new Set(base.references.map((r) => r.repository));
  const lines = new Set(base.references.map((r) => tagLine(r.tag)));
  let newer: { img: RegistryImage; ref: { repository: string; tag: string } } | undefined;
  for (const c of all) {
    if (c === base || !c.created || c.created <= base.created) continue;
    if (c.diffIds && isPrefix(c.diffIds, img.diffIds)) continue;
    const ref = c.references.find((r) => baseRepos.has(r.repository) && lines.has(tagLine(r.tag)));
    if (ref && (!newer || c.created > newer.img.created!)) newer = { img: c, ref };
  }
  if (!newer) return undefined;
  const b = base.references[0]!;
  return {
    digest: img.digest,
    references: refs(img),
    how: 'inferred',
    base: { reference: `${b.repository}:${b.tag}`, digest: base.digest, created: base.created },
    newer: {
      reference: `${newer.ref.repository}:${newer.ref.tag}`,
      digest: newer.img.digest,
      created: newer.img.created,
    },
  };
}

export function formatRegistryScan(r: RegistryScanResult): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(
    `Registry ${r.registry.join(', ')}: ${s.repositories} repositories, ${s.tags} tags, ${s.uniqueImages} unique images (${s.scanned} scanned, ${s.failed} failed)`,
    '',
  );
  out.push('Images:');
  for (const img of r.images) {
    const counts = new Map<string, number>();
    for (const f of img.report?.findings ?? []) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
    const sev = ['critical', 'high', 'medium', 'low', 'unknown']
      .filter((k) => counts.get(k))
      .map((k) => `${k}: ${counts.get(k)}`);
    const what = img.error
      ? `error: ${img.error}`
      : `${img.report?.packages.length ?? 0} packages, ${img.report?.findings.length ?? 0} findings${sev.length ? ` (${sev.join(', ')})` : ''}`;
    out.push(
      `  ${refs(img).join(', ')}  ${img.digest.slice(0, 19)}  ${img.created?.slice(0, 10) ?? 'created ?'}  ${what}`,
    );
  }
  out.push('', `Stale images (${r.stale.length}):`);
  for (const st of r.stale)
    out.push(`  ${st.references.join(', ')}: ${st.basis} ${st.date.slice(0, 10)}, ${st.ageDays} days ago`);
  out.push('', `Images whose base has a newer version (${r.outdatedBase.length}):`);
  for (const o of r.outdatedBase)
    out.push(
      `  ${o.references.join(', ')}: built on ${o.base.reference} (${o.base.digest.slice(0, 19)}); newer: ${o.newer.reference} (${o.newer.digest.slice(0, 19)}${o.newer.created ? `, ${o.newer.created.slice(0, 10)}` : ''}) [${o.how}]`,
    );
  return `${out.join('\n')}\n`;
}
