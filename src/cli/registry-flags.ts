// Flags for reaching registries and engines, shared by `image` and `registry …`.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { PalisadeError } from '../core/errors.js';
import { IMAGE_SRCS, type ImageSrc } from '../sources/index.js';
import type { RegistryAccessOptions } from '../sources/registry/options.js';
import type { CliIO } from './io.js';

export interface RegistryFlags {
  username?: string;
  passwordStdin?: boolean;
  caCert?: string[];
  insecureRegistry?: string[];
  registryMirror?: string[];
  imageSrc?: string;
  timeout?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addRegistryOptions(cmd: Command, opts: { imageSrc?: boolean } = {}): Command {
  cmd
    .option('-u, --username <name>', 'registry user name (the password comes from --password-stdin)')
    .option('--password-stdin', 'read the registry password or token from standard input')
    .option(
      '--ca-cert <file>',
      'trust this CA certificate (PEM) for registries, besides the system store; repeatable',
      collect,
    )
    .option(
      '--insecure-registry <host>',
      'allow plain HTTP and unverified TLS for this registry host; repeatable',
      collect,
    )
    .option(
      '--registry-mirror <url>',
      'pull through this mirror first: URL mirrors Docker Hub, REGISTRY=URL mirrors REGISTRY; repeatable, tried in order',
      collect,
    )
    .option('--timeout <seconds>', 'registry network timeout per request (default 60)');
  if (opts.imageSrc !== false)
    cmd.option(
      '--image-src <list>',
      `where a bare image name is looked for, in order: ${IMAGE_SRCS.join(',')}`,
      'docker,registry',
    );
  return cmd;
}

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function parseImageSrc(s: string | undefined): ImageSrc[] | undefined {
  if (s === undefined) return undefined;
  const out: ImageSrc[] = [];
  for (const p of s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (!(IMAGE_SRCS as readonly string[]).includes(p))
      throw new PalisadeError(
        'USAGE',
        `--image-src: unknown source ${JSON.stringify(p)}; choose from ${IMAGE_SRCS.join(', ')}`,
      );
    out.push(p as ImageSrc);
  }
  if (!out.length) throw new PalisadeError('USAGE', '--image-src: empty list');
  return out;
}

export async function registryOptionsFrom(
  flags: RegistryFlags,
  io: CliIO,
  log?: (line: string) => void,
): Promise<RegistryAccessOptions> {
  const o: RegistryAccessOptions = {};
  if (flags.passwordStdin && flags.username === undefined)
    throw new PalisadeError('USAGE', '--password-stdin needs --username');
  if (flags.username !== undefined) {
    if (!flags.passwordStdin)
      throw new PalisadeError(
        'USAGE',
        '--username needs --password-stdin (passwords on the command line end up in shell history)',
      );
    o.username = flags.username;
    o.password = await readStdin(io);
    if (!o.password) throw new PalisadeError('USAGE', '--password-stdin: standard input was empty');
  }
  if (flags.caCert?.length) {
    o.caCerts = [];
    for (const f of flags.caCert) {
      const p = resolve(io.cwd, f);
      let pem: string;
      try {
        pem = await readFile(p, 'utf8');
      } catch (e) {
        throw new PalisadeError(
          'INPUT',
          `--ca-cert ${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`,
        );
      }
      if (!pem.includes('-----BEGIN CERTIFICATE-----'))
        throw new PalisadeError('INPUT', `--ca-cert ${f}: not a PEM certificate`);
      o.caCerts.push(pem);
    }
  }
  if (flags.insecureRegistry?.length) o.insecureRegistries = flags.insecureRegistry;
  if (flags.registryMirror?.length) o.mirrors = flags.registryMirror;
  if (flags.timeout !== undefined) {
    const s = Number(flags.timeout);
    if (!(s > 0)) throw new PalisadeError('USAGE', `--timeout ${flags.timeout}: expected seconds > 0`);
    o.timeoutMs = s * 1000;
  }
  if (log) o.log = log;
  return o;
}
