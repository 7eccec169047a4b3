// HTTP(S) to registries: scheme choice, the trust store, timeouts, redirects, and retries with backoff.
// Built on node:http/https rather than fetch: fetch in Node 20 cannot take a per-request CA list
// without the undici package, and we need byte-level control of bodies for Range resumes.
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import { hostOnly } from './reference.js';

export interface TransportOptions {
  /** extra trusted CA certificates, PEM text (from --ca-cert) */
  caCerts?: string[];
  /** host[:port] names allowed over plain HTTP and unverified TLS (--insecure-registry) */
  insecureRegistries?: string[];
  /** no response headers, or no body data, for this long → the attempt fails (default 60 s) */
  timeoutMs?: number;
  /** attempts for one request on 429/5xx/network errors (default 5) */
  attempts?: number;
  /** base delay of the exponential backoff (default 500 ms) */
  backoffMs?: number;
  /** largest Retry-After honoured (default 60 s); longer waits fail the request instead */
  maxRetryAfterMs?: number;
  env?: NodeJS.ProcessEnv;
  /** debug log lines (never carry credentials: headers are not logged) */
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Readable;
  /** the URL that answered (after redirects) */
  url: URL;
}

export interface RequestInit {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** statuses handed back to the caller instead of being retried */
  noRetryStatuses?: readonly number[];
  /** override the transport's attempt count (mirrors give up sooner: the next endpoint is waiting) */
  attempts?: number;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** true for localhost and 127.0.0.0/8 (and ::1): plain HTTP is allowed there without asking */
export function isLoopback(host: string): boolean {
  const h = hostOnly(host).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}

function loadSystemCAs(env: NodeJS.ProcessEnv): string[] {
  // Node ships Mozilla's bundle; the system store adds the organisation's CAs installed with
  // update-ca-certificates, which is what docker (Go's crypto/x509) trusts.
  const files = [env.SSL_CERT_FILE, '/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'];
  for (const f of files) {
    if (!f) continue;
    try {
      return [readFileSync(f, 'utf8')];
    } catch {
      // next candidate
    }
  }
  return [];
}

export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export class RetryableError extends Error {}

/** One registry-facing HTTP client; keeps connections alive and remembers each host's scheme. */
export class Transport {
  private readonly ca: string[];
  private readonly httpsAgent: https.Agent;
  private readonly insecureAgent: https.Agent;
  private readonly httpAgent: http.Agent;
  private readonly schemes = new Map<string, 'https' | 'http'>();
  readonly opts: Required<
    Pick<TransportOptions, 'timeoutMs' | 'attempts' | 'backoffMs' | 'maxRetryAfterMs'>
  > &
    TransportOptions;
  /** requests sent, by kind; benchmarks and tests read it */
  readonly counters = { requests: 0, retries: 0, blobGets: 0, resumes: 0 };

  constructor(opts: TransportOptions = {}) {
    this.opts = { timeoutMs: 60_000, attempts: 5, backoffMs: 500, maxRetryAfterMs: 60_000, ...opts };
    this.ca = [...rootCertificates, ...loadSystemCAs(opts.env ?? process.env), ...(opts.caCerts ?? [])];
    this.httpsAgent = new https.Agent({ keepAlive: true, ca: this.ca, maxSockets: 16 });
    this.insecureAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 16 });
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  isInsecure(host: string): boolean {
    const list = (this.opts.insecureRegistries ?? []).map((h) => h.toLowerCase());
    const h = host.toLowerCase();
    return list.includes(h) || list.includes(hostOnly(h));
  }

  /** Plain HTTP is allowed for loopback hosts and --insecure-registry hosts only. */
  mayUseHttp(host: string): boolean {
    return isLoopback(host) || this.isInsecure(host);
  }

  /**
   * Base URL of a registry host: https, unless the host may use plain HTTP and does not speak TLS
   * (decided once per host on the first connection).
   */
  async baseUrl(host: string): Promise<string> {
    const known = this.schemes.get(host);
    if (known) return `${known}://${host}`;
    if (!this.mayUseHttp(host)) {
      this.schemes.set(host, 'https');
      return `https://${host}`;
    }
    try {
      const r = await this.once(new URL(`https://${host}/v2/`), { method: 'GET' });
      r.body.resume();
      this.schemes.set(host, 'https');
      return `https://${host}`;
    } catch (e) {
      if (!isTlsProtocolError(e)) throw e;
      this.opts.log?.(`${host}: no TLS on this port; using plain HTTP (allowed for this host)`);
      this.schemes.set(host, 'http');
      return `http://${host}`;
    }
  }

  close(): void {
    this.httpsAgent.destroy();
    this.insecureAgent.destroy();
    this.httpAgent.destroy();
  }

  private sleep(ms: number): Promise<void> {
    return this.opts.sleep ? this.opts.sleep(ms) : new Promise((r) => setTimeout(r, ms));
  }

  /** One attempt, no retries, no redirects. */
  once(url: URL, init: RequestInit): Promise<HttpResponse> {
    this.counters.requests++;
    const isHttps = url.protocol === 'https:';
    const agent = isHttps
      ? this.isInsecure(url.host)
        ? this.insecureAgent
        : this.httpsAgent
      : this.httpAgent;
    const mod = isHttps ? https : http;
    const timeout = this.opts.timeoutMs;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: { 'User-Agent': 'palisade', ...(init.headers ?? {}) },
          agent,
          timeout,
        },
        (res) => {
          // idle timeout on the body: a stalled transfer fails and is resumed or retried
          res.setTimeout(timeout, () =>
            res.destroy(Object.assign(new Error(`no data for ${timeout} ms`), { code: 'ETIMEDOUT' })),
          );
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, url });
        },
      );
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error(`no response within ${timeout} ms`), { code: 'ETIMEDOUT' })),
      );
      req.on('error', reject);
      req.end(init.body);
    });
  }

  /**
   * A request with redirects (Authorization is dropped when the host changes, as docker does for blob
   * storage redirects) and retries with exponential backoff on 429/5xx/network errors, honouring
   * Retry-After. Non-retryable statuses come back to the caller.
   */
  async request(url: URL, init: RequestInit = {}, what = url.host + url.pathname): Promise<HttpResponse> {
    let lastError = '';
    const attempts = init.attempts ?? this.opts.attempts;
    let tried = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      tried = attempt;
      let res: HttpResponse;
      try {
        res = await this.followRedirects(url, init);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (e instanceof PalisadeError) throw e;
        lastError = `${errorMessage(e)}${code && !errorMessage(e).includes(code) ? ` (${code})` : ''}`;
        if (!RETRY_CODES.has(code) || attempt === attempts) break;
        this.counters.retries++;
        const wait = this.backoff(attempt);
        this.opts.log?.(`${what}: ${lastError}; retry ${attempt} in ${wait} ms`);
        await this.sleep(wait);
        continue;
      }
      if (!RETRY_STATUS.has(res.status) || init.noRetryStatuses?.includes(res.status)) return res;
      res.body.resume();
      lastError = `HTTP ${res.status}`;
      if (attempt === attempts) break;
      const after = retryAfterMs(res.headers['retry-after']);
      if (after !== undefined && after > this.opts.maxRetryAfterMs) {
        lastError = `HTTP ${res.status}, Retry-After ${Math.round(after / 1000)} s is longer than we wait`;
        break;
      }
      const wait = after ?? this.backoff(attempt);
      this.counters.retries++;
      this.opts.log?.(`${what}: HTTP ${res.status}; retry ${attempt} in ${wait} ms`);
      await this.sleep(wait);
    }
    throw new PalisadeError(
      'NETWORK',
      `${what}: ${lastError} (after ${tried} attempt${tried === 1 ? '' : 's'})`,
    );
  }

  private backoff(attempt: number): number {
    const base = this.opts.backoffMs * 2 ** (attempt - 1);
    return Math.round(Math.min(30_000, base) * (0.75 + Math.random() * 0.5));
  }

  private async followRedirects(url: URL, init: RequestInit): Promise<HttpResponse> {
    let current = url;
    let headers = { ...(init.headers ?? {}) };
    let method = init.method;
    for (let hop = 0; hop <= 5; hop++) {
      const res = await this.once(current, { ...init, method, headers });
      if (![301, 302, 303, 307, 308].includes(res.status) || !res.headers.location) return res;
      res.body.resume();
      const next = new URL(res.headers.location, current);
      if (next.protocol === 'http:' && current.protocol === 'https:' && !this.mayUseHttp(next.host))
        throw new PalisadeError(
          'NETWORK',
          `${current.host}: redirected to plain-HTTP ${next.host}; refusing to downgrade (allow with --insecure-registry ${next.host})`,
        );
      if (next.host !== current.host) {
        const { Authorization: _a, authorization: _b, ...rest } = headers;
        headers = rest;
      }
      if (res.status === 303) method = 'GET';
      current = next;
    }
    throw new PalisadeError('NETWORK', `${url.host}${url.pathname}: more than 5 redirects`);
  }
}

function isTlsProtocolError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const msg = errorMessage(e);
  return (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'EPROTO' ||
    /wrong version number|packet length too long|unknown protocol/i.test(msg)
  );
}

/** Read a whole (small) body, failing past maxBytes. */
export async function readBody(res: HttpResponse, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res.body) {
    n += (c as Buffer).length;
    if (n > maxBytes) {
      res.body.destroy();
      throw new PalisadeError('LIMIT', `${what}: response larger than ${maxBytes} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
