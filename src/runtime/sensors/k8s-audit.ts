// Kubernetes audit webhook receiver: the API server's audit webhook backend POSTs audit.k8s.io/v1
// EventList objects over HTTPS (--audit-webhook-config-file pointing at https://NODE:PORT/k8s-audit).
// Each item becomes an event of source k8s_audit; ka.* fields read it. Bodies are size-limited and
// parsed once; a bad body is answered 400 and counted, never fatal.
import { readFileSync } from 'node:fs';
import { createServer as createHttps } from 'node:https';
import {
  createServer as createHttp,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { PalisadeError } from '../../core/errors.js';
import type { RuntimeEvent } from '../event.js';
import type { Sensor, SensorContext } from './sensor.js';

export interface K8sAuditOptions {
  /** host:port or :port to listen on */
  listen: string;
  /** PEM certificate and key; required unless insecureHttp */
  certFile?: string;
  keyFile?: string;
  /** plain HTTP, for tests behind a TLS-terminating proxy only */
  insecureHttp?: boolean;
  path?: string;
  maxBodyBytes?: number;
}

export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[?([^\]]*?)\]?)?:(\d+)$/.exec(s);
  if (!m) throw new PalisadeError('USAGE', `--k8s-audit-listen ${s}: expected HOST:PORT or :PORT`);
  return { host: m[1] || '0.0.0.0', port: Number(m[2]) };
}

/** Audit events from a request body: an EventList, a single Event, or JSON lines of either. */
export function auditEventsFromBody(body: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const take = (o: unknown) => {
    if (!o || typeof o !== 'object') throw new Error('not a JSON object');
    const obj = o as Record<string, unknown>;
    if (obj.kind === 'EventList' || Array.isArray(obj.items)) {
      for (const it of (obj.items as unknown[]) ?? [])
        if (it && typeof it === 'object') out.push(it as Record<string, unknown>);
    } else if (obj.kind === 'Event' || 'auditID' in obj) out.push(obj);
    else throw new Error('neither an audit Event nor an EventList');
  };
  const t = body.trim();
  if (!t) return out;
  try {
    take(JSON.parse(t));
  } catch (e) {
    if (!t.includes('\n')) throw e;
    for (const line of t.split('\n')) if (line.trim()) take(JSON.parse(line));
  }
  return out;
}

export class K8sAuditSensor implements Sensor {
  readonly name = 'k8s-audit' as const;
  readonly description: string;
  private server?: Server;
  private counters = { requests: 0, events: 0, rejected: 0, dropped: 0 };
  address?: AddressInfo;

  constructor(private readonly opts: K8sAuditOptions) {
    this.description = `Kubernetes audit webhook on ${opts.insecureHttp ? 'http' : 'https'}://${opts.listen}${opts.path ?? '/k8s-audit'}`;
  }

  stats(): Record<string, number> {
    return { ...this.counters };
  }

  async start(ctx: SensorContext): Promise<void> {
    const { host, port } = parseListen(this.opts.listen);
    const path = this.opts.path ?? '/k8s-audit';
    const max = this.opts.maxBodyBytes ?? 16 << 20;
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.counters.requests++;
      const reply = (code: number, msg: string) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: code < 300 ? 'ok' : 'error', message: msg }));
      };
      if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) {
        this.counters.rejected++;
        reply(404, `POST ${path} only`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) {
          tooBig = true;
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('close', () => {
        if (tooBig && !res.headersSent) {
          this.counters.rejected++;
          reply(413, `body over ${max} bytes`);
        }
      });
      req.on('end', () => {
        if (tooBig) return;
        let items: Record<string, unknown>[];
        try {
          items = auditEventsFromBody(Buffer.concat(chunks).toString('utf8'));
        } catch (e) {
          this.counters.rejected++;
          reply(400, `bad audit payload: ${(e as Error).message}`);
          return;
        }
        for (const ka of items) {
          const t = Date.parse(String(ka.stageTimestamp ?? ka.requestReceivedTimestamp ?? ''));
          const ev: RuntimeEvent = {
            ts: Number.isNaN(t) ? Date.now() : t,
            source: 'k8s_audit',
            sensor: 'k8s-audit',
            type: 'k8s_audit',
            ka,
          };
          this.counters.events++;
          ctx.emit(ev);
        }
        reply(200, `${items.length} events`);
      });
    };
    if (this.opts.insecureHttp) {
      ctx.notice(
        'k8s-audit: listening on plain HTTP (--k8s-audit-insecure-http); use only behind TLS termination',
      );
      this.server = createHttp(handler);
    } else {
      if (!this.opts.certFile || !this.opts.keyFile)
        throw new PalisadeError(
          'USAGE',
          'k8s-audit: --k8s-audit-cert and --k8s-audit-key are required for HTTPS',
        );
      let cert: Buffer;
      let key: Buffer;
      try {
        cert = readFileSync(this.opts.certFile);
        key = readFileSync(this.opts.keyFile);
      } catch (e) {
        throw new PalisadeError('INPUT', `k8s-audit: cannot read certificate/key: ${(e as Error).message}`);
      }
      this.server = createHttps({ cert, key }, handler);
    }
    const server = this.server;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) =>
        reject(new PalisadeError('INPUT', `k8s-audit: cannot listen on ${this.opts.listen}: ${e.message}`)),
      );
      server.listen(port, host, () => resolve());
    });
    this.address = server.address() as AddressInfo;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}
