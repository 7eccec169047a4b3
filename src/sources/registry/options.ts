// How a scan reaches registries: trust, plain-HTTP exceptions, mirrors, explicit credentials.
import { PalisadeError } from '../../core/errors.js';
import type { Credentials } from './credentials.js';
import { DOCKER_HUB } from './reference.js';
import { Transport, type TransportOptions } from './transport.js';

export interface RegistryAccessOptions {
  /** extra CA certificates, PEM text (--ca-cert) */
  caCerts?: string[];
  /** hosts allowed over plain HTTP / unverified TLS (--insecure-registry) */
  insecureRegistries?: string[];
  /**
   * --registry-mirror values: "URL" mirrors Docker Hub (as dockerd's registry-mirrors do);
   * "REGISTRY=URL" mirrors that registry. Tried in the order given, then the registry itself.
   */
  mirrors?: string[];
  /** --username/--password-stdin: sent to the registry of the image only */
  username?: string;
  password?: string;
  timeoutMs?: number;
  /** a shared transport (keeps connections, counts requests); one is made per image otherwise */
  transport?: Transport;
  log?: (line: string) => void;
}

export function mirrorsFor(registry: string, mirrors: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const m of mirrors ?? []) {
    const eq = m.indexOf('=');
    if (eq > 0 && !m.slice(0, eq).includes('/')) {
      if (m.slice(0, eq) === registry) out.push(m.slice(eq + 1));
    } else if (registry === DOCKER_HUB) out.push(m);
  }
  return out;
}

export function explicitCredentials(o: RegistryAccessOptions | undefined): Credentials | undefined {
  if (!o || (o.username === undefined && o.password === undefined)) return undefined;
  if (o.username === undefined || o.password === undefined)
    throw new PalisadeError('USAGE', '--username and --password-stdin go together');
  return { username: o.username, password: o.password, source: '--username/--password-stdin' };
}

export function makeTransport(
  o: RegistryAccessOptions | undefined,
  env: NodeJS.ProcessEnv | undefined,
): Transport {
  const t: TransportOptions = { env };
  if (o?.caCerts) t.caCerts = o.caCerts;
  if (o?.insecureRegistries) t.insecureRegistries = o.insecureRegistries;
  if (o?.timeoutMs) t.timeoutMs = o.timeoutMs;
  if (o?.log) t.log = o.log;
  return new Transport(t);
}
