// A small HTTP(S) client for downloads: bounded body size, bounded redirects, a timeout, optional extra
// CA certificates. Only what `db update` needs; the registry client of src/sources/registry will replace
// the OCI part of its use (see oci.ts).
import http from 'node:http';
import https from 'node:https';
import { PalisadeError } from '../../core/errors.js';

export interface HttpOptions {
  /** PEM CA certificates to trust in addition to the system's (self-hosted mirrors) */
  ca?: string | Buffer;
  headers?: Record<string, string>;
  method?: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH';
  body?: Buffer;
  /** largest response body accepted */
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: string;
}

const DEFAULT_MAX = 1024 ** 3;

export async function request(url: string, opts: HttpOptions = {}): Promise<HttpResponse> {
  let current = url;
  for (let hops = 0; ; hops++) {
    const res = await once(current, opts);
    if ([301, 302, 303, 307, 308].includes(res.status) && res.headers.location) {
      if (hops >= (opts.maxRedirects ?? 5)) throw new PalisadeError('NETWORK', `${url}: too many redirects`);
      current = new URL(res.headers.location, current).toString();
      continue;
    }
    return res;
  }
}

function once(url: string, opts: HttpOptions): Promise<HttpResponse> {
  const u = new URL(url);
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new PalisadeError('USAGE', `${url}: only https:// and http:// URLs are supported`);
  const lib = u.protocol === 'https:' ? https : http;
  const max = opts.maxBytes ?? DEFAULT_MAX;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: opts.method ?? 'GET',
        headers: { 'user-agent': 'palisade', ...(opts.headers ?? {}) },
        ...(opts.ca && u.protocol === 'https:' ? { ca: opts.ca } : {}),
        timeout: opts.timeoutMs ?? 60_000,
      },
      (res) => {
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > max) {
          res.destroy();
          return reject(new PalisadeError('LIMIT', `${url}: response of ${declared} bytes exceeds ${max}`));
        }
        const chunks: Buffer[] = [];
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
          if (n > max) {
            res.destroy();
            reject(new PalisadeError('LIMIT', `${url}: response exceeds ${max} bytes`));
          } else chunks.push(c);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }),
        );
        res.on('error', (e) => reject(new PalisadeError('NETWORK', `${url}: ${e.message}`)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => reject(new PalisadeError('NETWORK', `${url}: ${e.message}`)));
    req.end(opts.body);
  });
}

export async function getOk(url: string, opts: HttpOptions = {}): Promise<Buffer> {
  const r = await request(url, opts);
  if (r.status !== 200) throw new PalisadeError('NETWORK', `${url}: HTTP ${r.status}`);
  return r.body;
}
