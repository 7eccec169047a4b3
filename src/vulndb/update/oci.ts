// Database bundles as OCI artifacts (OCI distribution spec v1.1): an image manifest whose artifactType
// names the Palisade DB, whose config blob is the bundle metadata and whose one layer is
// palisade.db.gz. Pull and push of blobs and manifests, anonymous or with a bearer token obtained from
// the registry's WWW-Authenticate challenge. Kept minimal and behind this interface (pullArtifact,
// pushArtifact) so it can switch to the shared registry client in src/sources/registry/ when that lands.
import { PalisadeError } from '../../core/errors.js';
import { request, type HttpOptions, type HttpResponse } from './http.js';
import { sha256 } from './bundle.js';

export const ARTIFACT_TYPE = 'application/vnd.palisade.db.v1';
export const CONFIG_MEDIA_TYPE = 'application/vnd.palisade.db.metadata.v1+json';
export const LAYER_MEDIA_TYPE = 'application/vnd.palisade.db.layer.v1.sqlite+gzip';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export interface OciRef {
  registry: string;
  repository: string;
  /** tag or sha256: digest */
  reference: string;
}

/** "oci://host[:port]/repo/path[:tag|@sha256:…]" or the same without the scheme. */
export function parseOciRef(ref: string): OciRef {
  const s = ref.replace(/^oci:\/\//, '');
  const slash = s.indexOf('/');
  if (slash <= 0)
    throw new PalisadeError('USAGE', `OCI reference ${ref}: expected registry/repository[:tag]`);
  const registry = s.slice(0, slash);
  let rest = s.slice(slash + 1);
  let reference = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      reference = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(rest))
    throw new PalisadeError('USAGE', `OCI reference ${ref}: invalid repository name ${JSON.stringify(rest)}`);
  return { registry, repository: rest, reference };
}

export interface RegistryOptions extends Pick<HttpOptions, 'ca' | 'timeoutMs'> {
  /** use http:// (loopback registries are plain HTTP by default, as in Docker) */
  plainHttp?: boolean;
  /** basic credentials for the token service or the registry */
  username?: string;
  password?: string;
}

class Registry {
  private token: string | undefined;
  private basic: string | undefined;
  constructor(
    readonly ref: OciRef,
    private opts: RegistryOptions,
  ) {}

  private base(): string {
    const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(this.ref.registry);
    return `${(this.opts.plainHttp ?? loopback) ? 'http' : 'https'}://${this.ref.registry}/v2/${this.ref.repository}`;
  }

  async call(path: string, o: HttpOptions = {}, scope = 'pull'): Promise<HttpResponse> {
    const url = path.startsWith('http') ? path : `${this.base()}${path}`;
    const headers = {
      ...(o.headers ?? {}),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    };
    let r = await request(url, { ...o, headers, ...(this.opts.ca ? { ca: this.opts.ca } : {}) });
    if (r.status === 401 && !this.token) {
      await this.authenticate(String(r.headers['www-authenticate'] ?? ''), scope);
      r = await request(url, {
        ...o,
        headers: { ...(o.headers ?? {}), authorization: `Bearer ${this.token}` },
        ...(this.opts.ca ? { ca: this.opts.ca } : {}),
      });
    }
    if (r.status === 401 || r.status === 403)
      throw new PalisadeError(
        'AUTH',
        `${this.ref.registry}/${this.ref.repository}: access denied (HTTP ${r.status})`,
      );
    return r;
  }

  private authHeader(): Record<string, string> {
    if (this.token) return { authorization: `Bearer ${this.token}` };
    if (this.basic) return { authorization: `Basic ${this.basic}` };
    return {};
  }

  private async authenticate(challenge: string, scope: string): Promise<void> {
    if (/^Basic\b/i.test(challenge) && this.opts.username) {
      this.basic = Buffer.from(`${this.opts.username}:${this.opts.password ?? ''}`).toString('base64');
      return;
    }
    const m = /^Bearer\s+(.*)$/i.exec(challenge);
    if (!m)
      throw new PalisadeError(
        'AUTH',
        `${this.ref.registry}: unsupported authentication challenge ${JSON.stringify(challenge)}`,
      );
    const params = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1]!, x[2]!]));
    if (!params.realm) throw new PalisadeError('AUTH', `${this.ref.registry}: token challenge without realm`);
    const u = new URL(params.realm);
    if (params.service) u.searchParams.set('service', params.service);
    u.searchParams.set('scope', params.scope ?? `repository:${this.ref.repository}:${scope}`);
    const headers: Record<string, string> = {};
    if (this.opts.username)
      headers.authorization = `Basic ${Buffer.from(`${this.opts.username}:${this.opts.password ?? ''}`).toString('base64')}`;
    const r = await request(u.toString(), {
      headers,
      maxBytes: 1024 * 1024,
      ...(this.opts.ca ? { ca: this.opts.ca } : {}),
    });
    if (r.status !== 200)
      throw new PalisadeError('AUTH', `${u.origin}: token request failed (HTTP ${r.status})`);
    const body = JSON.parse(r.body.toString()) as { token?: string; access_token?: string };
    this.token = body.token ?? body.access_token;
    if (!this.token) throw new PalisadeError('AUTH', `${u.origin}: token response without a token`);
  }

  async blob(digest: string, maxBytes: number): Promise<Buffer> {
    const r = await this.call(`/blobs/${digest}`, { maxBytes });
    if (r.status !== 200)
      throw new PalisadeError('NETWORK', `${this.ref.registry}: blob ${digest}: HTTP ${r.status}`);
    if (`sha256:${sha256(r.body)}` !== digest)
      throw new PalisadeError(
        'DIGEST_MISMATCH',
        `${this.ref.registry}: blob ${digest} does not match its digest`,
      );
    return r.body;
  }

  async pushBlob(data: Buffer): Promise<string> {
    const digest = `sha256:${sha256(data)}`;
    const head = await this.call(`/blobs/${digest}`, { method: 'HEAD' }, 'push,pull');
    if (head.status === 200) return digest;
    const start = await this.call(`/blobs/uploads/`, { method: 'POST', body: Buffer.alloc(0) }, 'push,pull');
    if (start.status !== 202 || !start.headers.location)
      throw new PalisadeError(
        'NETWORK',
        `${this.ref.registry}: blob upload not accepted (HTTP ${start.status})`,
      );
    const loc = new URL(start.headers.location, `${this.base()}/`);
    loc.searchParams.set('digest', digest);
    const put = await this.call(
      loc.toString(),
      { method: 'PUT', body: data, headers: { 'content-type': 'application/octet-stream' } },
      'push,pull',
    );
    if (put.status !== 201)
      throw new PalisadeError('NETWORK', `${this.ref.registry}: blob upload failed (HTTP ${put.status})`);
    return digest;
  }
}

export interface ArtifactFiles {
  config: Buffer;
  layer: Buffer;
}

/** Pushes metadata + database as one artifact; returns the manifest digest. */
export async function pushArtifact(
  ref: string,
  files: ArtifactFiles,
  opts: RegistryOptions = {},
): Promise<string> {
  const r = new Registry(parseOciRef(ref), opts);
  const configDigest = await r.pushBlob(files.config);
  const layerDigest = await r.pushBlob(files.layer);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST,
      artifactType: ARTIFACT_TYPE,
      config: { mediaType: CONFIG_MEDIA_TYPE, digest: configDigest, size: files.config.length },
      layers: [
        {
          mediaType: LAYER_MEDIA_TYPE,
          digest: layerDigest,
          size: files.layer.length,
          annotations: { 'org.opencontainers.image.title': 'palisade.db.gz' },
        },
      ],
    }),
  );
  const put = await r.call(
    `/manifests/${r.ref.reference}`,
    { method: 'PUT', body: manifest, headers: { 'content-type': MANIFEST } },
    'push,pull',
  );
  if (put.status !== 201)
    throw new PalisadeError(
      'NETWORK',
      `${ref}: manifest upload failed (HTTP ${put.status}: ${put.body.toString().slice(0, 200)})`,
    );
  return `sha256:${sha256(manifest)}`;
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
}

/** Pulls a Palisade DB artifact: verifies manifest, config and layer digests. */
export async function pullArtifact(
  ref: string,
  opts: RegistryOptions = {},
  maxLayer = 4 * 1024 ** 3,
): Promise<ArtifactFiles> {
  const r = new Registry(parseOciRef(ref), opts);
  const res = await r.call(`/manifests/${r.ref.reference}`, {
    headers: { accept: MANIFEST },
    maxBytes: 4 * 1024 * 1024,
  });
  if (res.status === 404) throw new PalisadeError('NOT_FOUND', `${ref}: no such artifact`);
  if (res.status !== 200)
    throw new PalisadeError('NETWORK', `${ref}: manifest request failed (HTTP ${res.status})`);
  if (r.ref.reference.startsWith('sha256:') && `sha256:${sha256(res.body)}` !== r.ref.reference)
    throw new PalisadeError('DIGEST_MISMATCH', `${ref}: manifest does not match the requested digest`);
  let m: { artifactType?: string; config?: Descriptor; layers?: Descriptor[] };
  try {
    m = JSON.parse(res.body.toString());
  } catch {
    throw new PalisadeError('INPUT', `${ref}: manifest is not JSON`);
  }
  const layer = m.layers?.find((l) => l.mediaType === LAYER_MEDIA_TYPE);
  if (m.config?.mediaType !== CONFIG_MEDIA_TYPE || !m.config.digest || !layer?.digest)
    throw new PalisadeError(
      'INPUT',
      `${ref}: not a Palisade database artifact (artifactType ${m.artifactType ?? 'none'})`,
    );
  const config = await r.blob(m.config.digest, 4 * 1024 * 1024);
  if ((layer.size ?? 0) > maxLayer)
    throw new PalisadeError('LIMIT', `${ref}: database layer of ${layer.size} bytes is too large`);
  return { config, layer: await r.blob(layer.digest, maxLayer) };
}
