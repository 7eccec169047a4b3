// A minimal Docker Engine API client over its unix socket: the agent needs four endpoints (inspect a
// container, list containers, the changes of a container, the events stream), which node:http with
// `socketPath` does in a few lines — not worth dockerode and its dependency tree.
import { request, type IncomingMessage } from 'node:http';
import { PalisadeError } from '../../core/errors.js';

export const API_VERSION = 'v1.41';

export function socketFromDockerHost(host: string | undefined): string {
  if (!host) return '/var/run/docker.sock';
  if (host.startsWith('unix://')) return host.slice(7);
  if (host.startsWith('/')) return host;
  throw new PalisadeError('USAGE', `docker host ${host}: only unix:// sockets are supported`);
}

export interface DockerContainerJSON {
  Id: string;
  Name?: string;
  Image?: string;
  Created?: string;
  State?: { Pid?: number; StartedAt?: string; Running?: boolean; Status?: string };
  Config?: { Image?: string; Labels?: Record<string, string> | null; Cmd?: string[] | null };
  HostConfig?: { Privileged?: boolean; NetworkMode?: string; PidMode?: string; CapAdd?: string[] | null };
  Mounts?: { Source?: string; Destination?: string; Type?: string; RW?: boolean }[];
  GraphDriver?: { Name?: string; Data?: Record<string, string> | null };
  HostsPath?: string;
}

export interface DockerEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
  status?: string;
  id?: string;
  from?: string;
}

export class DockerClient {
  readonly socketPath: string;
  constructor(host?: string) {
    this.socketPath = socketFromDockerHost(host);
  }

  private req(method: string, path: string, timeoutMs = 10_000): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const r = request(
        { socketPath: this.socketPath, path: `/${API_VERSION}${path}`, method, timeout: timeoutMs },
        resolve,
      );
      r.on('timeout', () => r.destroy(new Error('timed out')));
      r.on('error', (e) =>
        reject(new PalisadeError('NETWORK', `docker ${this.socketPath}: ${method} ${path}: ${e.message}`)),
      );
      r.end();
    });
  }

  async json<T>(path: string): Promise<T | undefined> {
    const res = await this.req('GET', path);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of res as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > 64 << 20) {
        res.destroy();
        throw new PalisadeError('LIMIT', `docker ${path}: response over 64 MiB`);
      }
      chunks.push(c);
    }
    if (res.statusCode === 404) return undefined;
    const body = Buffer.concat(chunks).toString('utf8');
    if (res.statusCode !== 200)
      throw new PalisadeError(
        'NETWORK',
        `docker ${path}: HTTP ${res.statusCode}: ${body.slice(0, 200).trim()}`,
      );
    return JSON.parse(body) as T;
  }

  ping(): Promise<string | undefined> {
    return this.json<unknown>('/version').then((v) => (v as { Version?: string } | undefined)?.Version);
  }
  inspect(id: string): Promise<DockerContainerJSON | undefined> {
    return this.json<DockerContainerJSON>(`/containers/${encodeURIComponent(id)}/json`);
  }
  list(): Promise<{ Id: string }[]> {
    return this.json<{ Id: string }[]>('/containers/json').then((x) => x ?? []);
  }
  changes(id: string): Promise<{ Path: string; Kind: number }[] | undefined> {
    return this.json<{ Path: string; Kind: number }[] | null>(
      `/containers/${encodeURIComponent(id)}/changes`,
    ).then((x) => x ?? []);
  }
  image(id: string): Promise<{ Id: string; RepoTags?: string[]; RepoDigests?: string[] } | undefined> {
    return this.json(`/images/${encodeURIComponent(id)}/json`);
  }

  /** Stream engine events until `signal` aborts; each JSON object is passed to onEvent. */
  async events(onEvent: (e: DockerEvent) => void, signal: AbortSignal, since?: number): Promise<void> {
    const filters = encodeURIComponent(JSON.stringify({ type: ['container'] }));
    const q = `/events?filters=${filters}${since ? `&since=${since}` : ''}`;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const r = request({ socketPath: this.socketPath, path: `/${API_VERSION}${q}`, method: 'GET' }, resolve);
      r.on('error', reject);
      signal.addEventListener('abort', () => r.destroy(), { once: true });
      r.end();
    });
    if (res.statusCode !== 200) throw new PalisadeError('NETWORK', `docker events: HTTP ${res.statusCode}`);
    let buf = '';
    res.setEncoding('utf8');
    try {
      for await (const chunk of res as AsyncIterable<string>) {
        buf += chunk;
        if (buf.length > 1 << 20) buf = ''; // one event is never that large
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          try {
            onEvent(JSON.parse(line) as DockerEvent);
          } catch {
            // a malformed line from the engine: skip it
          }
        }
      }
    } catch (e) {
      if (!signal.aborted) throw e;
    }
  }
}
