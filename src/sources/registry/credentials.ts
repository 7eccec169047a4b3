// Registry credentials where docker keeps them: $DOCKER_CONFIG/config.json (default ~/.docker):
// `auths` (base64 user:password or an identity token), `credHelpers` (per registry) and `credsStore`
// (default), the last two through the docker-credential-<name> helper protocol (get/store/erase on
// stdin/stdout). Explicit credentials (flags, environment) come first. Secrets never go into messages.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import { DOCKER_HUB } from './reference.js';

export interface Credentials {
  username?: string;
  password?: string;
  /** OAuth2 refresh token for the Bearer flow ("identitytoken" in config.json, "<token>" user in helpers) */
  identityToken?: string;
  /** a ready bearer token (PALISADE_REGISTRY_TOKEN) */
  registryToken?: string;
  /** where they came from, for messages: "--username", "PALISADE_USERNAME", "~/.docker/config.json", … */
  source: string;
}

interface DockerConfigFile {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }
  >;
  credHelpers?: Record<string, string>;
  credsStore?: string;
  [k: string]: unknown;
}

/** Docker Hub's key in config.json and for helpers: docker still uses the v1 index URL. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

export function configKey(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_KEY : registry;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return join(dockerConfigDir(env), 'config.json');
}

/** "https://host/v1/" → "host" (docker's ConvertToHostname), for matching auths keys. */
function keyHost(key: string): string {
  let k = key;
  if (k.startsWith('http://')) k = k.slice(7);
  else if (k.startsWith('https://')) k = k.slice(8);
  const slash = k.indexOf('/');
  const host = slash >= 0 ? k.slice(0, slash) : k;
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}

async function readConfig(path: string): Promise<DockerConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PalisadeError(
      'INPUT',
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)})`,
    );
  }
  try {
    const v = JSON.parse(text) as DockerConfigFile;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v;
  } catch (e) {
    throw new PalisadeError('INPUT', `${path}: not valid JSON (${errorMessage(e)})`);
  }
}

/** Run docker-credential-<helper> <action>, as docker does: input on stdin, JSON on stdout. */
export async function runCredentialHelper(
  helper: string,
  action: 'get' | 'store' | 'erase',
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper))
    throw new PalisadeError('INPUT', `credential helper name ${JSON.stringify(helper)} is not valid`);
  const prog = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(prog, [action], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(
        new PalisadeError(
          'AUTH',
          `credential helper ${prog} could not run (${(e as NodeJS.ErrnoException).code ?? e.message}); is it installed and on PATH?`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8').trim();
      // helpers print "credentials not found in native keychain" on stdout with a non-zero exit
      if (code !== 0) {
        if (/credentials not found/i.test(text)) resolve('');
        else
          reject(
            new PalisadeError('AUTH', `credential helper ${prog} ${action} failed with exit code ${code}`),
          );
        return;
      }
      resolve(text);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

async function fromHelper(
  helper: string,
  registry: string,
  env: NodeJS.ProcessEnv,
  where: string,
): Promise<Credentials | undefined> {
  const text = await runCredentialHelper(helper, 'get', configKey(registry), env);
  if (!text) return undefined;
  let v: { Username?: string; Secret?: string };
  try {
    v = JSON.parse(text);
  } catch {
    throw new PalisadeError(
      'AUTH',
      `credential helper docker-credential-${helper} printed something that is not JSON`,
    );
  }
  if (!v.Secret) return undefined;
  const source = `docker-credential-${helper} (${where})`;
  if (v.Username === '<token>') return { identityToken: v.Secret, source };
  return { username: v.Username, password: v.Secret, source };
}

/** Credentials for `registry` from the docker config, or undefined (anonymous). */
export async function dockerCredentials(
  registry: string,
  env: NodeJS.ProcessEnv,
): Promise<Credentials | undefined> {
  const path = dockerConfigPath(env);
  const cfg = await readConfig(path);
  if (!cfg) return undefined;
  const shown = env.DOCKER_CONFIG ? path : '~/.docker/config.json';
  const helper =
    cfg.credHelpers?.[registry] ?? (registry === DOCKER_HUB ? cfg.credHelpers?.[DOCKER_HUB_KEY] : undefined);
  if (helper) return fromHelper(helper, registry, env, `credHelpers in ${shown}`);
  if (cfg.credsStore) {
    const c = await fromHelper(cfg.credsStore, registry, env, `credsStore in ${shown}`);
    if (c) return c;
  }
  for (const [key, entry] of Object.entries(cfg.auths ?? {})) {
    if (keyHost(key) !== registry || !entry) continue;
    const source = shown;
    if (entry.identitytoken) return { identityToken: entry.identitytoken, source };
    if (entry.registrytoken) return { registryToken: entry.registrytoken, source };
    if (entry.auth) {
      const raw = Buffer.from(entry.auth, 'base64').toString('utf8');
      const i = raw.indexOf(':');
      if (i < 0) throw new PalisadeError('INPUT', `${shown}: the auth entry for ${registry} is malformed`);
      return { username: raw.slice(0, i), password: raw.slice(i + 1), source };
    }
    if (entry.username && entry.password)
      return { username: entry.username, password: entry.password, source };
  }
  return undefined;
}

/** Explicit credentials from the environment: PALISADE_USERNAME/PALISADE_PASSWORD or PALISADE_REGISTRY_TOKEN. */
export function envCredentials(env: NodeJS.ProcessEnv): Credentials | undefined {
  if (env.PALISADE_REGISTRY_TOKEN)
    return { registryToken: env.PALISADE_REGISTRY_TOKEN, source: 'PALISADE_REGISTRY_TOKEN' };
  if (env.PALISADE_USERNAME && env.PALISADE_PASSWORD)
    return {
      username: env.PALISADE_USERNAME,
      password: env.PALISADE_PASSWORD,
      source: 'PALISADE_USERNAME/PALISADE_PASSWORD',
    };
  return undefined;
}

export interface CredentialOptions {
  /** --username/--password-stdin: applied to the registry the user named only, never to mirrors */
  explicit?: Credentials;
  /** the registry the explicit and environment credentials are meant for */
  explicitFor?: string;
  env?: NodeJS.ProcessEnv;
}

/** The credentials for one registry host, in docker's precedence plus our explicit sources first. */
export async function resolveCredentials(
  registry: string,
  opts: CredentialOptions,
): Promise<Credentials | undefined> {
  const env = opts.env ?? process.env;
  const mine = opts.explicitFor === undefined || opts.explicitFor === registry;
  if (mine && opts.explicit) return opts.explicit;
  const fromEnv = mine ? envCredentials(env) : undefined;
  if (fromEnv) return fromEnv;
  return dockerCredentials(registry, env);
}

/**
 * Store credentials as `docker login` does: through credHelpers[registry] or credsStore when one is
 * configured (config.json then gets an empty auths entry, as docker writes), else base64 in auths.
 * The file is written 0600 via a temporary file and rename.
 */
export async function storeCredentials(
  registry: string,
  creds: { username: string; password: string },
  env: NodeJS.ProcessEnv,
): Promise<{ path: string; helper?: string }> {
  const path = dockerConfigPath(env);
  const cfg = (await readConfig(path)) ?? {};
  const key = configKey(registry);
  const helper = cfg.credHelpers?.[registry] ?? cfg.credsStore;
  cfg.auths ??= {};
  if (helper) {
    await runCredentialHelper(
      helper,
      'store',
      JSON.stringify({ ServerURL: key, Username: creds.username, Secret: creds.password }),
      env,
    );
    cfg.auths[key] = {};
  } else {
    cfg.auths[key] = { auth: Buffer.from(`${creds.username}:${creds.password}`).toString('base64') };
  }
  await writeConfig(path, cfg);
  return { path, helper };
}

/** `docker logout`: erase from the helper and drop the auths entry. Returns whether anything was there. */
export async function eraseCredentials(registry: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const path = dockerConfigPath(env);
  const cfg = await readConfig(path);
  if (!cfg) return false;
  const key = configKey(registry);
  const helper = cfg.credHelpers?.[registry] ?? cfg.credsStore;
  let found = false;
  if (helper) {
    await runCredentialHelper(helper, 'erase', key, env).catch(() => undefined);
    found = true;
  }
  for (const k of Object.keys(cfg.auths ?? {}))
    if (keyHost(k) === registry) {
      delete cfg.auths![k];
      found = true;
    }
  await writeConfig(path, cfg);
  return found;
}

async function writeConfig(path: string, cfg: DockerConfigFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(cfg, null, '\t')}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}
