// Registry authentication (distribution "token" spec and RFC 7235): anonymous first; on a 401 the
// WWW-Authenticate challenge says Basic (send the credentials) or Bearer (get a token from the realm
// for the scope, with the credentials when there are some, then retry). Tokens are reused per scope
// until they expire. Credentials are looked up once per registry and only when a challenge asks.
import { PalisadeError } from '../../core/errors.js';
import type { Credentials } from './credentials.js';
import { readBody, type HttpResponse, type RequestInit, type Transport } from './transport.js';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parse WWW-Authenticate (possibly several challenges; quoted strings with escapes). */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const text = Array.isArray(header) ? header.join(', ') : (header ?? '');
  const out: Challenge[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
  };
  const token = () => {
    const m = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(text.slice(i));
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  while (i < text.length) {
    ws();
    const scheme = token();
    if (!scheme) break;
    const params: Record<string, string> = {};
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      const save = i;
      const key = token();
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (!key || text[i] !== '=') {
        i = save;
        break;
      }
      i++;
      while (i < text.length && /\s/.test(text[i]!)) i++;
      let value = '';
      if (text[i] === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          value += text[i++];
        }
        i++;
      } else value = token();
      params[key.toLowerCase()] = value;
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text[i] === ',') i++;
      else break;
    }
    out.push({ scheme: scheme.toLowerCase(), params });
  }
  return out;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** How to tell the user to supply credentials, for one-line AUTH errors. */
export function credentialHint(registry: string): string {
  return `log in with 'palisade registry login ${registry}' (or docker login), pass --username and --password-stdin, or set PALISADE_USERNAME and PALISADE_PASSWORD`;
}

export class RegistryAuth {
  private creds: Promise<Credentials | undefined> | undefined;
  private basic = false;
  private bearer: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  /** token requests made (tests check reuse per scope) */
  tokenRequests = 0;

  constructor(
    readonly registry: string,
    private readonly transport: Transport,
    private readonly lookup: () => Promise<Credentials | undefined>,
  ) {}

  private credentials(): Promise<Credentials | undefined> {
    this.creds ??= this.lookup();
    return this.creds;
  }

  private async header(scope: string | undefined): Promise<string | undefined> {
    const c = await (this.basic || this.bearer ? this.credentials() : undefined);
    if (c?.registryToken) return `Bearer ${c.registryToken}`;
    if (this.bearer) {
      const t = await this.token(scope);
      return t ? `Bearer ${t}` : undefined;
    }
    if (this.basic && c?.username !== undefined && c.password !== undefined)
      return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    return undefined;
  }

  private async token(scope: string | undefined): Promise<string | undefined> {
    const ch = this.bearer!;
    const realm = ch.params.realm;
    if (!realm) throw new PalisadeError('AUTH', `${this.registry}: Bearer challenge without a realm`);
    const service = ch.params.service ?? '';
    const key = `${realm}|${service}|${scope ?? ''}`;
    const hit = this.tokens.get(key);
    if (hit && hit.expiresAt > Date.now() + 5_000) return hit.token;
    const c = await this.credentials();
    this.tokenRequests++;
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new PalisadeError('AUTH', `${this.registry}: Bearer realm ${JSON.stringify(realm)} is not a URL`);
    }
    if (realmUrl.protocol === 'http:' && !this.transport.mayUseHttp(realmUrl.host))
      throw new PalisadeError(
        'AUTH',
        `${this.registry}: token realm ${realmUrl.host} is plain HTTP; refusing to send credentials (allow with --insecure-registry ${realmUrl.host})`,
      );
    let res: HttpResponse;
    if (c?.identityToken) {
      // OAuth2 refresh-token grant, as docker does with an identity token
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: c.identityToken,
        service,
        client_id: 'palisade',
      });
      if (scope) form.set('scope', scope);
      res = await this.transport.request(
        realmUrl,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        },
        `${this.registry}: token endpoint ${realmUrl.host}`,
      );
    } else {
      const u = new URL(realmUrl);
      if (service) u.searchParams.set('service', service);
      if (scope) u.searchParams.set('scope', scope);
      const init: RequestInit = { headers: {} };
      if (c?.username !== undefined && c.password !== undefined) {
        u.searchParams.set('account', c.username);
        init.headers!.Authorization = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
      }
      res = await this.transport.request(u, init, `${this.registry}: token endpoint ${u.host}`);
    }
    if (res.status === 401 || res.status === 403) {
      res.body.resume();
      throw this.refused(c, res.status);
    }
    if (res.status !== 200) {
      res.body.resume();
      throw new PalisadeError(
        'AUTH',
        `${this.registry}: token endpoint ${realmUrl.host} answered HTTP ${res.status}`,
      );
    }
    const body = await readBody(res, 1024 * 1024, `${this.registry}: token endpoint`);
    let doc: { token?: string; access_token?: string; expires_in?: number; issued_at?: string };
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch {
      throw new PalisadeError(
        'AUTH',
        `${this.registry}: token endpoint ${realmUrl.host} did not answer JSON`,
      );
    }
    const token = doc.token ?? doc.access_token;
    if (!token)
      throw new PalisadeError('AUTH', `${this.registry}: token endpoint ${realmUrl.host} returned no token`);
    // the spec's minimum lifetime is 60 s when expires_in is absent
    const lifetime = Math.max(60, Number(doc.expires_in) || 60) * 1000;
    const issued = doc.issued_at ? Date.parse(doc.issued_at) : NaN;
    const start = Number.isNaN(issued) ? Date.now() : Math.min(Date.now(), issued);
    this.tokens.set(key, { token, expiresAt: start + lifetime });
    return token;
  }

  refused(c: Credentials | undefined, status: number): PalisadeError {
    if (!c)
      return new PalisadeError(
        'AUTH',
        `${this.registry}: authentication required (HTTP ${status}); ${credentialHint(this.registry)}`,
      );
    return new PalisadeError(
      'AUTH',
      `${this.registry}: the registry refused the credentials from ${c.source} (HTTP ${status}); ${credentialHint(this.registry)}`,
    );
  }

  /**
   * Send a request with whatever auth the registry asked for so far; on a 401 learn the challenge and
   * try once more. `scope` is the token scope, e.g. "repository:ns/app:pull".
   */
  async send(url: URL, init: RequestInit, scope: string | undefined, what: string): Promise<HttpResponse> {
    const withAuth = async (): Promise<HttpResponse> => {
      const h = await this.header(scope);
      const headers = { ...(init.headers ?? {}) };
      if (h) headers.Authorization = h;
      return this.transport.request(url, { ...init, headers }, what);
    };
    let res = await withAuth();
    if (res.status !== 401) return res;
    const challenges = parseChallenges(res.headers['www-authenticate']);
    res.body.resume();
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    const hadAuth = this.basic || !!this.bearer;
    if (bearer) {
      const sameRealm =
        this.bearer &&
        this.bearer.params.realm === bearer.params.realm &&
        this.bearer.params.service === bearer.params.service;
      // an "insufficient_scope" or expired-token 401 on a known realm: drop the cached token and retry once
      if (sameRealm)
        for (const k of [...this.tokens.keys()]) if (k.endsWith(`|${scope ?? ''}`)) this.tokens.delete(k);
      this.bearer = bearer;
      this.basic = false;
      const wanted = scope ?? bearer.params.scope;
      res = await (async () => {
        const t = await this.token(wanted);
        const headers = { ...(init.headers ?? {}) };
        if (t) headers.Authorization = `Bearer ${t}`;
        return this.transport.request(url, { ...init, headers }, what);
      })();
    } else if (basic) {
      const c = await this.credentials();
      if (!c || (c.username === undefined && !c.registryToken) || hadAuth)
        throw this.refused(hadAuth ? c : undefined, 401);
      this.basic = true;
      res = await withAuth();
    } else {
      throw new PalisadeError(
        'AUTH',
        `${this.registry}: HTTP 401 without a usable WWW-Authenticate challenge`,
      );
    }
    if (res.status === 401) {
      res.body.resume();
      throw this.refused(await this.credentials(), 401);
    }
    return res;
  }

  /** `docker login`: check the credentials against the registry (ping /v2/, fetch a token if Bearer). */
  async verifyLogin(baseUrl: string): Promise<void> {
    const c = await this.credentials();
    const url = new URL('/v2/', baseUrl);
    let res = await this.transport.request(url, {}, `${this.registry}: /v2/`);
    res.body.resume();
    if (res.status === 200) return; // an open registry accepts anything; docker stores them too
    if (res.status !== 401)
      throw new PalisadeError('NETWORK', `${this.registry}: /v2/ answered HTTP ${res.status}`);
    const challenges = parseChallenges(res.headers['www-authenticate']);
    const bearer = challenges.find((x) => x.scheme === 'bearer');
    if (bearer) {
      this.bearer = bearer;
      await this.token(undefined);
      return;
    }
    this.basic = true;
    const h = await this.header(undefined);
    res = await this.transport.request(
      url,
      { headers: h ? { Authorization: h } : {} },
      `${this.registry}: /v2/`,
    );
    res.body.resume();
    if (res.status === 401) throw this.refused(c, 401);
    if (res.status !== 200)
      throw new PalisadeError('NETWORK', `${this.registry}: /v2/ answered HTTP ${res.status}`);
  }
}
