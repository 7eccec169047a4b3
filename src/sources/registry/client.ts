// A distribution-spec v1.1 client for one registry: manifests (negotiating OCI and Docker v2 types),
// blobs (streamed, resumed with Range after a dropped connection), catalog and tag lists (paginated
// with Link/last). Mirrors are tried in order before the registry itself, falling back on failure.
import { PassThrough, type Readable } from 'node:stream';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import { digestOf, parseDigest } from '../digest.js';
import { MAX_MANIFEST_BYTES, MEDIA } from '../oci.js';
import { RegistryAuth } from './auth.js';
import { resolveCredentials, type CredentialOptions } from './credentials.js';
import { apiHost } from './reference.js';
import type { Transport } from './transport.js';
import { readBody, type HttpResponse } from './transport.js';

/** What we accept for a manifest: OCI and Docker v2 types, indexes and manifests (and schema 1 to name it). */
export const MANIFEST_ACCEPT_HEADER = [
  MEDIA.ociIndex,
  MEDIA.ociManifest,
  MEDIA.dockerList,
  MEDIA.dockerManifest,
  `${MEDIA.dockerSchema1Signed};q=0.5`,
  `${MEDIA.dockerSchema1};q=0.5`,
].join(', ');

export interface Endpoint {
  /** host[:port] */
  host: string;
  /** path prefix before /v2 (mirrors may serve under a path) */
  prefix: string;
  mirror: boolean;
  auth: RegistryAuth;
}

export interface RegistryClientOptions extends CredentialOptions {
  transport: Transport;
  /** mirror base URLs or hosts for this registry, tried in order */
  mirrors?: string[];
}

export interface FetchedManifest {
  body: Buffer;
  mediaType: string;
  digest: string;
  /** the registry's Last-Modified for the manifest, when it sends one (a push date) */
  lastModified?: string;
}

interface RegistryErrors {
  errors?: { code?: string; message?: string }[];
}

/** "MANIFEST_UNKNOWN: manifest unknown" from a registry error body, without echoing anything large. */
async function errorDetail(res: HttpResponse): Promise<string> {
  try {
    const b = await readBody(res, 64 * 1024, 'error body');
    const doc = JSON.parse(b.toString('utf8')) as RegistryErrors;
    const e = doc.errors?.[0];
    if (e) return `: ${[e.code, e.message].filter(Boolean).join(': ').slice(0, 200)}`;
  } catch {
    // not a registry error body
  }
  return '';
}

export class RegistryClient {
  readonly endpoints: Endpoint[];
  private readonly deadMirrors = new Set<number>();

  constructor(
    readonly registry: string,
    readonly opts: RegistryClientOptions,
  ) {
    const t = opts.transport;
    const eps: Endpoint[] = [];
    for (const m of opts.mirrors ?? []) {
      const u = new URL(/^[a-z]+:\/\//i.test(m) ? m : `https://${m}`);
      if (u.protocol === 'http:' && !t.mayUseHttp(u.host))
        throw new PalisadeError(
          'USAGE',
          `--registry-mirror ${m}: plain HTTP is allowed only for localhost, 127.0.0.0/8 and --insecure-registry hosts`,
        );
      eps.push({
        host: u.host,
        prefix: u.pathname.replace(/\/+$/, ''),
        mirror: true,
        // explicit credentials belong to the registry the user named, never to a mirror
        auth: new RegistryAuth(u.host, t, () =>
          resolveCredentials(u.host, { ...opts, explicitFor: registry }),
        ),
      });
    }
    const host = apiHost(registry);
    eps.push({
      host,
      prefix: '',
      mirror: false,
      auth: new RegistryAuth(registry, t, () =>
        resolveCredentials(registry, { ...opts, explicitFor: opts.explicitFor ?? registry }),
      ),
    });
    this.endpoints = eps;
  }

  get transport(): Transport {
    return this.opts.transport;
  }

  private async url(ep: Endpoint, path: string): Promise<URL> {
    return new URL(`${ep.prefix}${path}`, await this.transport.baseUrl(ep.host));
  }

  /**
   * Try the mirrors in order, then the registry itself. A mirror that fails at the network level is
   * not asked again by this client; one that lacks a manifest or blob (404, 401/403) is skipped for
   * that request only. The registry's own answer is final.
   */
  private async withFallback<T>(what: string, fn: (ep: Endpoint) => Promise<T>): Promise<T> {
    for (let i = 0; i < this.endpoints.length; i++) {
      const ep = this.endpoints[i]!;
      if (ep.mirror && this.deadMirrors.has(i)) continue;
      try {
        return await fn(ep);
      } catch (e) {
        if (!ep.mirror) throw e;
        if (!(e instanceof PalisadeError) || e.code === 'NETWORK') this.deadMirrors.add(i);
        this.transport.opts.log?.(
          `${what}: mirror ${ep.host} failed (${errorMessage(e)}); trying the next endpoint`,
        );
      }
    }
    throw new PalisadeError('INTERNAL', `${what}: no endpoint`);
  }

  async ping(): Promise<void> {
    await this.withFallback(`${this.registry}`, async (ep) => {
      const res = await ep.auth.send(await this.url(ep, '/v2/'), {}, undefined, `${ep.host}: /v2/`);
      res.body.resume();
      if (res.status !== 200)
        throw new PalisadeError('NETWORK', `${ep.host}: /v2/ answered HTTP ${res.status}`);
    });
  }

  /** GET a manifest by tag or digest; verifies a digest reference and the Docker-Content-Digest header. */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const scope = `repository:${repository}:pull`;
    const isDigest = reference.includes(':');
    const where = `${this.registry}/${repository}${isDigest ? '@' : ':'}${reference}`;
    return this.withFallback(where, async (ep) => {
      const res = await ep.auth.send(
        await this.url(ep, `/v2/${repository}/manifests/${reference}`),
        { headers: { Accept: MANIFEST_ACCEPT_HEADER }, attempts: ep.mirror ? 2 : undefined },
        scope,
        `${where}${ep.mirror ? ` (mirror ${ep.host})` : ''}`,
      );
      if (res.status === 404)
        throw new PalisadeError('NOT_FOUND', `${where}: manifest not found${await errorDetail(res)}`);
      if (res.status === 403)
        throw new PalisadeError('AUTH', `${where}: access denied (HTTP 403)${await errorDetail(res)}`);
      if (res.status !== 200)
        throw new PalisadeError(
          'NETWORK',
          `${where}: manifest request answered HTTP ${res.status}${await errorDetail(res)}`,
        );
      const body = await readBody(res, MAX_MANIFEST_BYTES, `${where}: manifest`);
      const ct = String(res.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      let mediaType = ct;
      try {
        const doc = JSON.parse(body.toString('utf8')) as { mediaType?: string };
        if (doc.mediaType) mediaType = doc.mediaType;
      } catch {
        throw new PalisadeError('INPUT', `${where}: the manifest is not valid JSON`);
      }
      const algorithm = isDigest ? parseDigest(reference).algorithm : 'sha256';
      const digest = digestOf(body, algorithm);
      if (isDigest && digest !== reference)
        throw new PalisadeError(
          'DIGEST_MISMATCH',
          `${where}: manifest has digest ${digest}; the registry${ep.mirror ? ` mirror ${ep.host}` : ''} served different content`,
        );
      const header = res.headers['docker-content-digest'];
      if (typeof header === 'string' && header.startsWith('sha256:') && !isDigest && header !== digest)
        throw new PalisadeError(
          'DIGEST_MISMATCH',
          `${where}: manifest body has digest ${digest} but the registry says ${header}`,
        );
      const out: FetchedManifest = { body, mediaType, digest };
      const lm = res.headers['last-modified'];
      if (typeof lm === 'string' && !Number.isNaN(Date.parse(lm)))
        out.lastModified = new Date(lm).toISOString();
      return out;
    });
  }

  /** GET a small blob (config) whole; the caller verifies it. */
  async readBlob(repository: string, digest: string, maxBytes: number): Promise<Buffer> {
    const where = `${this.registry}/${repository}@${digest}`;
    return this.withFallback(where, async (ep) => {
      const res = await this.blobGet(ep, repository, digest, undefined, where);
      return readBody(res, maxBytes, `${where}: blob`);
    });
  }

  private async blobGet(
    ep: Endpoint,
    repository: string,
    digest: string,
    range: string | undefined,
    where: string,
  ): Promise<HttpResponse> {
    this.transport.counters.blobGets++;
    const headers: Record<string, string> = {};
    if (range) headers.Range = range;
    const res = await ep.auth.send(
      await this.url(ep, `/v2/${repository}/blobs/${digest}`),
      { headers, attempts: ep.mirror ? 2 : undefined },
      `repository:${repository}:pull`,
      `${where}${ep.mirror ? ` (mirror ${ep.host})` : ''}`,
    );
    if (res.status === 404)
      throw new PalisadeError('NOT_FOUND', `${where}: blob not found${await errorDetail(res)}`);
    if (res.status === 403)
      throw new PalisadeError('AUTH', `${where}: access denied (HTTP 403)${await errorDetail(res)}`);
    if (res.status !== 200 && res.status !== 206)
      throw new PalisadeError(
        'NETWORK',
        `${where}: blob request answered HTTP ${res.status}${await errorDetail(res)}`,
      );
    return res;
  }

  /**
   * Stream a blob. When the connection drops mid-body, the rest is requested with a Range header (the
   * registry answers 206 where it supports ranges; a 200 restarts the body and we skip what we have).
   * The digest is not checked here: the layer walk hashes what it reads.
   */
  openBlob(repository: string, digest: string, size: number | undefined, maxResumes = 5): Readable {
    const where = `${this.registry}/${repository}@${digest}`;
    const out = new PassThrough({ highWaterMark: 256 * 1024 });
    let received = 0;
    const run = async () => {
      let resumes = 0;
      for (;;) {
        const range = received > 0 ? `bytes=${received}-` : undefined;
        const res = await this.withFallback(where, (ep) =>
          this.blobGet(ep, repository, digest, range, where),
        );
        let skip = 0;
        if (range) {
          const cr = String(res.headers['content-range'] ?? '');
          const m = /^bytes (\d+)-/.exec(cr);
          if (res.status === 206 && m && Number(m[1]) === received) skip = 0;
          else if (res.status === 200)
            skip = received; // no range support: the whole blob again
          else {
            res.body.resume();
            throw new PalisadeError('NETWORK', `${where}: resume answered HTTP ${res.status} ${cr}`);
          }
        }
        try {
          for await (const c of res.body) {
            let chunk = c as Buffer;
            if (skip > 0) {
              if (chunk.length <= skip) {
                skip -= chunk.length;
                continue;
              }
              chunk = chunk.subarray(skip);
              skip = 0;
            }
            received += chunk.length;
            if (size !== undefined && received > size)
              throw new PalisadeError(
                'DIGEST_MISMATCH',
                `${where}: blob is larger than the ${size} bytes the manifest declares`,
              );
            if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', r));
            if (out.destroyed) {
              res.body.destroy();
              return;
            }
          }
          if (size !== undefined && received < size)
            throw Object.assign(new Error('body ended early'), { code: 'ECONNRESET' });
          out.end();
          return;
        } catch (e) {
          if (e instanceof PalisadeError || out.destroyed) throw e;
          if (resumes >= maxResumes)
            throw new PalisadeError(
              'NETWORK',
              `${where}: connection lost ${resumes + 1} times; gave up after ${received} bytes (${errorMessage(e)})`,
            );
          resumes++;
          this.transport.counters.resumes++;
          this.transport.opts.log?.(
            `${where}: connection lost after ${received} bytes (${errorMessage(e)}); resuming`,
          );
        }
      }
    };
    run().catch((e: unknown) =>
      out.destroy(
        e instanceof PalisadeError ? e : new PalisadeError('NETWORK', `${where}: ${errorMessage(e)}`),
      ),
    );
    return out;
  }

  /** Paginated GET of a list endpoint (catalog, tags/list) following Link: <...>; rel="next". */
  private async *paged<T>(
    path: string,
    key: 'repositories' | 'tags',
    scope: string | undefined,
    pageSize: number,
  ): AsyncGenerator<T> {
    const ep = this.endpoints[this.endpoints.length - 1]!;
    let url: URL | undefined = await this.url(ep, `${path}?n=${pageSize}`);
    const seen = new Set<string>();
    while (url) {
      if (seen.has(url.href))
        throw new PalisadeError(
          'INPUT',
          `${this.registry}: pagination loops at ${url.pathname}${url.search}`,
        );
      seen.add(url.href);
      const res = await ep.auth.send(
        url,
        { headers: { Accept: 'application/json' } },
        scope,
        `${this.registry}${path}`,
      );
      if (res.status === 404) {
        res.body.resume();
        throw new PalisadeError('NOT_FOUND', `${this.registry}${path}: not found`);
      }
      if (res.status === 401 || res.status === 403) {
        res.body.resume();
        throw new PalisadeError('AUTH', `${this.registry}${path}: access denied (HTTP ${res.status})`);
      }
      if (res.status !== 200)
        throw new PalisadeError(
          'NETWORK',
          `${this.registry}${path}: HTTP ${res.status}${await errorDetail(res)}`,
        );
      const body = await readBody(res, 32 * 1024 * 1024, `${this.registry}${path}`);
      let doc: Record<string, unknown>;
      try {
        doc = JSON.parse(body.toString('utf8'));
      } catch {
        throw new PalisadeError('INPUT', `${this.registry}${path}: not valid JSON`);
      }
      const items = doc[key];
      if (Array.isArray(items)) for (const it of items) yield it as T;
      const link = String(res.headers.link ?? '');
      const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
      url = m ? new URL(m[1]!, url) : undefined;
    }
  }

  catalog(pageSize = 100): AsyncGenerator<string> {
    return this.paged<string>('/v2/_catalog', 'repositories', 'registry:catalog:*', pageSize);
  }

  tags(repository: string, pageSize = 100): AsyncGenerator<string> {
    return this.paged<string>(
      `/v2/${repository}/tags/list`,
      'tags',
      `repository:${repository}:pull`,
      pageSize,
    );
  }
}
