// Image references as docker and the distribution project spell them: [DOMAIN[:PORT]/]PATH[:TAG][@DIGEST].
// A first component with a '.' or ':' or equal to "localhost" is a registry; otherwise the image is on
// Docker Hub, and a one-component path there lives under "library/" (docker's normalisation).
import { PalisadeError } from '../../core/errors.js';
import { parseDigest } from '../digest.js';

export const DOCKER_HUB = 'docker.io';
/** where Docker Hub's registry API actually answers */
export const DOCKER_HUB_API = 'registry-1.docker.io';

export interface ImageReference {
  /** registry host[:port], normalised (docker.io for Docker Hub) */
  registry: string;
  /** repository path inside the registry, e.g. library/alpine */
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$|^\[[0-9a-fA-F:.]+\](?::[0-9]+)?$/;

function bad(ref: string, why: string): PalisadeError {
  return new PalisadeError('INPUT', `${ref}: not a valid image reference (${why})`);
}

/** Split a host-and-path string into registry and repository, applying Docker Hub's defaults. */
export function splitRepository(name: string, original = name): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  let registry = DOCKER_HUB;
  let path = name;
  if (slash > 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[')) {
      if (!DOMAIN.test(first)) throw bad(original, `bad registry host ${JSON.stringify(first)}`);
      registry = first === 'index.docker.io' ? DOCKER_HUB : first;
      path = name.slice(slash + 1);
    }
  }
  if (!path) throw bad(original, 'empty repository');
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  for (const c of path.split('/'))
    if (!COMPONENT.test(c))
      throw bad(
        original,
        c.toLowerCase() !== c
          ? 'repository names must be lowercase'
          : `bad path component ${JSON.stringify(c)}`,
      );
  if (path.length > 255) throw bad(original, 'repository name longer than 255 characters');
  return { registry, repository: path };
}

export function parseReference(ref: string): ImageReference {
  let rest = ref.trim();
  if (!rest) throw bad(ref, 'empty');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    try {
      parseDigest(digest);
    } catch {
      throw bad(ref, `bad digest ${JSON.stringify(digest)}`);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(ref, `bad tag ${JSON.stringify(tag)}`);
  }
  const { registry, repository } = splitRepository(rest, ref);
  if (!tag && !digest) tag = 'latest';
  const out: ImageReference = { registry, repository };
  if (tag) out.tag = tag;
  if (digest) out.digest = digest;
  return out;
}

/** the manifest reference to request: the digest when pinned, else the tag */
export function manifestRef(r: ImageReference): string {
  return r.digest ?? r.tag ?? 'latest';
}

export function formatReference(r: ImageReference): string {
  return `${r.registry}/${r.repository}${r.tag && !r.digest ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** Familiar form for messages and repoTags: drops docker.io/library/ as docker does. */
export function familiarName(registry: string, repository: string): string {
  if (registry !== DOCKER_HUB) return `${registry}/${repository}`;
  return repository.startsWith('library/')
    ? repository.slice('library/'.length)
    : `${DOCKER_HUB}/${repository}`;
}

/** The host the registry API answers on (Docker Hub's API is not at docker.io). */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}

/** Hostname without port or brackets. */
export function hostOnly(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(1, registry.indexOf(']'));
  const i = registry.lastIndexOf(':');
  return i > 0 ? registry.slice(0, i) : registry;
}
