// Real registries for the e2e tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1 with
// anonymous, htpasswd Basic or Bearer-token auth (token server below, RS256 JWTs the registry checks
// against a generated certificate), optionally TLS with a CA made by openssl; images pushed with
// skopeo; a fault-injecting proxy. Everything listens on loopback only.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, randomBytes, sign, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** undefined when everything the registry tests need is present, else why not */
export function missingRegistryTools(): string | undefined {
  const missing = ['docker-registry', 'skopeo', 'openssl', 'htpasswd'].filter((c) => !which(c));
  return missing.length
    ? `${missing.join(', ')} not installed (CI installs them in .ci/setup.d/60-registry.sh)`
    : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Pki {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  signCert: string;
  signKey: string;
}

/** A test CA, a server certificate for 127.0.0.1/localhost, and a token-signing certificate. */
export function makePki(dir: string): Pki {
  mkdirSync(dir, { recursive: true });
  const o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const selfSigned = (name: string, cn: string) =>
    o(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
    );
  selfSigned('ca', 'palisade test CA');
  o(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(
    join(dir, 'san.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  o(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  );
  selfSigned('sign', 'palisade token signer');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    signCert: join(dir, 'sign.crt'),
    signKey: join(dir, 'sign.key'),
  };
}

export interface TokenServer {
  url: string;
  service: string;
  issuer: string;
  /** token requests by scope */
  requests: string[];
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * The distribution token flow's token endpoint: Basic credentials checked against `users`; a valid
 * user gets the actions asked for; an anonymous caller gets nothing (the registry then refuses).
 */
export async function startTokenServer(pki: Pki, users: Record<string, string>): Promise<TokenServer> {
  const key = createPrivateKey(readFileSync(pki.signKey));
  const der = new X509Certificate(readFileSync(pki.signCert)).raw;
  const service = 'palisade-test-registry';
  const issuer = 'palisade-test-issuer';
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    const scopes = u.searchParams.getAll('scope');
    requests.push(scopes.join(' '));
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const raw = Buffer.from(auth.slice(6), 'base64').toString('utf8');
      const i = raw.indexOf(':');
      const [name, pass] = [raw.slice(0, i), raw.slice(i + 1)];
      if (users[name] !== pass) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"invalid credentials"}');
        return;
      }
      user = name;
    }
    const access = user
      ? scopes.map((s) => {
          const [type, ...rest] = s.split(':');
          const actions = rest.pop()!.split(',');
          return { type, name: rest.join(':'), actions };
        })
      : [];
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] };
    const claims = {
      iss: issuer,
      sub: user ?? '',
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export interface RegistryOptions {
  auth?: { htpasswd: Record<string, string> } | { token: TokenServer; pki: Pki };
  tls?: Pki;
}

export interface RunningRegistry {
  host: string;
  port: number;
  dir: string;
  logFile: string;
  /** access-log lines seen so far */
  log(): string;
  /** resolves once every request made before the call is in log() (a marker request is logged) */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRegistry(opts: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'pal-registry-'));
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: false',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
  ];
  if (opts.tls)
    lines.push('  tls:', `    certificate: ${opts.tls.serverCert}`, `    key: ${opts.tls.serverKey}`);
  if (opts.auth && 'htpasswd' in opts.auth) {
    const file = join(dir, 'htpasswd');
    writeFileSync(file, '');
    for (const [u, p] of Object.entries(opts.auth.htpasswd))
      execFileSync('htpasswd', ['-Bb', file, u, p], { stdio: 'ignore' });
    lines.push('auth:', '  htpasswd:', '    realm: palisade-test', `    path: ${file}`);
  } else if (opts.auth && 'token' in opts.auth) {
    const t = opts.auth.token;
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${t.url}`,
      `    service: ${t.service}`,
      `    issuer: ${t.issuer}`,
      `    rootcertbundle: ${opts.auth.pki.signCert}`,
    );
  }
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const logFile = join(dir, 'registry.log');
  let logText = '';
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (c: Buffer) => {
    logText += c.toString('utf8');
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const scheme = opts.tls ? 'https' : 'http';
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const mod = opts.tls ? https : http;
      const req = mod.get(`${scheme}://127.0.0.1:${port}/v2/`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`docker-registry did not start: ${logText.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: `127.0.0.1:${port}`,
    port,
    dir,
    logFile,
    log: () => logText,
    async settle() {
      const marker = `settle-${randomBytes(6).toString('hex')}`;
      await new Promise<void>((resolve) => {
        const mod = opts.tls ? https : http;
        const req = mod.get(
          `${scheme}://127.0.0.1:${port}/v2/?${marker}`,
          { rejectUnauthorized: false },
          (res) => {
            res.resume();
            res.on('end', () => resolve());
          },
        );
        req.on('error', () => resolve());
      });
      for (let i = 0; i < 100 && !logText.includes(marker); i++) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      writeFileSync(logFile, logText);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Blob GETs of these digests in the registry's access log so far. */
export function blobGets(log: string, digests: readonly string[]): number {
  let n = 0;
  for (const line of log.split('\n')) {
    const m = /"GET [^"]*\/blobs\/(sha256:[a-f0-9]{64})/.exec(line);
    if (m && digests.includes(m[1]!)) n++;
  }
  return n;
}

export interface PushOptions {
  format?: 'oci' | 'v2s2';
  all?: boolean;
  creds?: string;
  tls?: boolean;
  certDir?: string;
}

/** skopeo copy SRC docker://HOST/REPO:TAG (async: the token server answering skopeo runs in this process) */
export async function push(src: string, dest: string, opts: PushOptions = {}): Promise<void> {
  const args = ['copy', '--quiet', '--retry-times', '2'];
  if (opts.all) args.push('--all');
  if (opts.format) args.push('--format', opts.format);
  if (opts.creds) args.push('--dest-creds', opts.creds);
  if (opts.certDir) args.push('--dest-cert-dir', opts.certDir);
  else args.push('--dest-tls-verify=false');
  args.push(src, `docker://${dest}`);
  await new Promise<void>((resolve, reject) =>
    execFile('skopeo', args, { env: { ...process.env, HOME: tmpdir() } }, (err, _out, stderr) =>
      err ? reject(new Error(`skopeo ${args.join(' ')}: ${stderr || err.message}`)) : resolve(),
    ),
  );
}

export function sha256(b: Buffer): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; times: number }
  | { kind: 'drop'; afterBytes: number; times: number }
  | { kind: 'corrupt' };

export interface FaultProxy {
  host: string;
  /** faults by path substring; each fires `times` times */
  faults: Map<string, Fault>;
  /** requests seen: method path range */
  seen: string[];
  close(): Promise<void>;
}

/** A proxy in front of a registry that injects 429/5xx, drops connections mid-body, corrupts blobs. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const faults = new Map<string, Fault>();
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.range ?? ''}`.trim());
    const hit = [...faults.entries()].find(([k]) => req.url?.includes(k));
    const fault = hit?.[1];
    if (fault?.kind === 'status' && fault.times > 0) {
      fault.times--;
      const h: Record<string, string> = { 'Content-Type': 'application/json' };
      if (fault.retryAfter !== undefined) h['Retry-After'] = fault.retryAfter;
      res.writeHead(fault.status, h).end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}');
      return;
    }
    const headers = { ...req.headers, host: upstream };
    const up = http.request(
      { host: '127.0.0.1', port: Number(upstream.split(':')[1]), path: req.url, method: req.method, headers },
      (ur) => {
        const outHeaders = { ...ur.headers };
        if (fault?.kind === 'drop' && fault.times > 0 && ur.statusCode === 200 && req.method === 'GET') {
          fault.times--;
          res.writeHead(200, outHeaders);
          let sent = 0;
          ur.on('data', (c: Buffer) => {
            if (sent >= fault.afterBytes) return;
            const part = c.subarray(0, fault.afterBytes - sent);
            sent += part.length;
            const cut = sent >= fault.afterBytes;
            // flush what was written, then cut the connection: the client sees a short body
            res.write(part, () => {
              if (cut) {
                ur.destroy();
                res.socket?.destroy();
              }
            });
          });
          return;
        }
        if (fault?.kind === 'corrupt' && ur.statusCode === 200 && req.method === 'GET') {
          const chunks: Buffer[] = [];
          ur.on('data', (c: Buffer) => chunks.push(c));
          ur.on('end', () => {
            const body = Buffer.concat(chunks);
            body[body.length >> 1] ^= 0xff;
            res.writeHead(200, outHeaders).end(body);
          });
          return;
        }
        res.writeHead(ur.statusCode ?? 502, outHeaders);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    faults,
    seen,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export { existsSync };
