// Images in a Docker engine (`docker:NAME`): inspected and exported over the Engine API on its unix
// socket (DOCKER_HOST honoured; tcp:// too). The export is exactly `docker save`, so the result is the
// docker-archive source's result by construction.
//
// Why the export is spooled to one temporary file (removed at close) instead of being streamed into
// the layer walk: the engine (moby's tarexport, 20.10 and 25+) builds the whole export in its own
// temporary directory and then tars it in lexical order, so layer members arrive keyed by v1 ids in
// name order, and the image config and manifest.json (which say which member is which layer, in
// what order) can come after the layers. A member cannot be routed to its layer, nor the config
// verified, before the stream has ended; keeping only the members we end up needing would mean
// holding all of them anyway. One spooled copy gives exact, digest-verified results from a single
// export. Layers already in the layer cache are still not analysed again; the export itself is the
// engine's cost either way.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { PalisadeError, errorMessage } from '../core/errors.js';
import { openDockerArchive } from './docker-archive.js';
import { TarFile } from './tar-file.js';
import type { ImageSource } from './types.js';

export interface EngineOptions {
  env?: NodeJS.ProcessEnv;
  /** largest export spooled (default 64 GiB) */
  maxExportBytes?: number;
  /** directory for the spooled export (default the OS temp dir) */
  tmpDir?: string;
}

export interface EngineEndpoint {
  /** how it is shown in messages */
  display: string;
  request(path: string, method?: string): Promise<http.IncomingMessage>;
}

interface ImageInspect {
  Id?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  RootFS?: { Layers?: string[] };
  Os?: string;
  Architecture?: string;
}

/** The engine named by DOCKER_HOST (default unix:///var/run/docker.sock). */
export function engineEndpoint(env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const host = env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  let opts: http.RequestOptions;
  let mod: typeof http | typeof https = http;
  if (host.startsWith('unix://')) {
    opts = { socketPath: host.slice('unix://'.length) };
  } else if (host.startsWith('tcp://') || host.startsWith('http://') || host.startsWith('https://')) {
    const u = new URL(host.replace(/^tcp:/, env.DOCKER_TLS_VERIFY ? 'https:' : 'http:'));
    opts = { host: u.hostname, port: u.port || (u.protocol === 'https:' ? 2376 : 2375) };
    if (u.protocol === 'https:') {
      mod = https;
      const dir = env.DOCKER_CERT_PATH || join(env.HOME || '', '.docker');
      try {
        Object.assign(opts, {
          ca: readFileSync(join(dir, 'ca.pem')),
          cert: readFileSync(join(dir, 'cert.pem')),
          key: readFileSync(join(dir, 'key.pem')),
        });
      } catch (e) {
        throw new PalisadeError(
          'INPUT',
          `DOCKER_HOST ${host}: TLS files in ${dir} unreadable (${errorMessage(e)})`,
        );
      }
    }
  } else {
    throw new PalisadeError(
      'INPUT',
      `DOCKER_HOST ${JSON.stringify(host)}: expected unix://PATH or tcp://HOST:PORT`,
    );
  }
  return {
    display: host,
    request(path, method = 'GET') {
      return new Promise((resolve, reject) => {
        const req = mod.request({ ...opts, path, method, headers: { Host: 'docker' } }, resolve);
        req.setTimeout(60_000, () =>
          req.destroy(Object.assign(new Error('no answer in 60 s'), { code: 'ETIMEDOUT' })),
        );
        req.on('error', reject);
        req.end();
      });
    },
  };
}

async function readJson<T>(res: Readable, what: string): Promise<T> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res) {
    n += (c as Buffer).length;
    if (n > 16 * 1024 * 1024) throw new PalisadeError('LIMIT', `${what}: answer too large`);
    chunks.push(c as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
  } catch {
    throw new PalisadeError('INPUT', `${what}: the engine did not answer JSON`);
  }
}

function imagePath(name: string): string {
  return `/images/${encodeURIComponent(name).replace(/%2F/gi, '/')}`;
}

/** Inspect an image; undefined when the engine does not have it. Throws NETWORK when it cannot be reached. */
export async function inspectEngineImage(
  name: string,
  ep: EngineEndpoint,
): Promise<ImageInspect | undefined> {
  let res: http.IncomingMessage;
  try {
    res = await ep.request(`${imagePath(name)}/json`);
  } catch (e) {
    throw new PalisadeError(
      'NETWORK',
      `docker:${name}: cannot reach the Docker engine at ${ep.display} (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)}); is dockerd running, or set DOCKER_HOST`,
    );
  }
  if (res.statusCode === 404) {
    res.resume();
    return undefined;
  }
  if (res.statusCode !== 200) {
    const doc = await readJson<{ message?: string }>(res, `docker:${name}`).catch(() => ({
      message: undefined,
    }));
    throw new PalisadeError(
      'INPUT',
      `docker:${name}: the engine answered HTTP ${res.statusCode}${doc.message ? `: ${doc.message}` : ''}`,
    );
  }
  return readJson<ImageInspect>(res, `docker:${name}`);
}

export async function openEngineImage(
  ref: string,
  name: string,
  opts: EngineOptions = {},
): Promise<ImageSource> {
  const ep = engineEndpoint(opts.env);
  const info = await inspectEngineImage(name, ep);
  if (!info?.Id)
    throw new PalisadeError(
      'NOT_FOUND',
      `docker:${name}: no such image in the Docker engine at ${ep.display}`,
    );
  // export by ID when the name is an ID prefix; by name otherwise, so the archive keeps the tag
  const res = await ep.request(`${imagePath(name)}/get`);
  if (res.statusCode !== 200) {
    res.resume();
    throw new PalisadeError('INPUT', `docker:${name}: export answered HTTP ${res.statusCode}`);
  }
  const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'palisade-engine-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const file = join(dir, 'export.tar');
  const max = opts.maxExportBytes ?? 64 * 1024 ** 3;
  let written = 0;
  try {
    await pipeline(
      res,
      new Transform({
        transform(c: Buffer, _e, cb) {
          written += c.length;
          if (written > max)
            cb(new PalisadeError('LIMIT', `docker:${name}: export larger than ${max} bytes`));
          else cb(null, c);
        },
      }),
      createWriteStream(file),
    );
    const tar = await TarFile.open(file);
    const src = await openDockerArchive(tar, { name: ref });
    if (src.configDigest !== info.Id)
      throw new PalisadeError(
        'DIGEST_MISMATCH',
        `docker:${name}: the export holds image ${src.configDigest}, but the engine named ${info.Id}`,
      );
    const close = src.close;
    return {
      ...src,
      type: 'docker-daemon',
      repoTags: src.repoTags ?? info.RepoTags ?? undefined,
      repoDigests: info.RepoDigests?.length ? info.RepoDigests : undefined,
      close: async () => {
        try {
          await close();
        } finally {
          await cleanup();
        }
      },
    };
  } catch (e) {
    await cleanup();
    if (e instanceof PalisadeError) throw e;
    throw new PalisadeError('NETWORK', `docker:${name}: export failed (${errorMessage(e)})`);
  }
}
