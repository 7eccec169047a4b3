// Container image references as Docker and Kubernetes read them: [registry/]repository[:tag][@digest].
// A first component with a dot, a colon or "localhost" is a registry; otherwise it is Docker Hub.

export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry = 'docker.io';
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    rest = rest.slice(slash + 1);
  } else if (slash < 0) rest = `library/${rest}`;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  const out: ImageRef = { registry, repository: rest };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

/** true when the reference resolves to the mutable `latest` tag (explicitly or by omission). */
export function usesLatest(ref: ImageRef): boolean {
  return !ref.digest && (ref.tag === undefined || ref.tag === 'latest');
}

/**
 * Whether `ref` comes from one of `allowed`: entries are registries (`ghcr.io`) or registry/path
 * prefixes (`registry.example.com/team`); `docker.io` matches Docker Hub references without a registry.
 */
export function registryAllowed(ref: ImageRef, allowed: readonly string[]): boolean {
  const full = `${ref.registry}/${ref.repository}`;
  return allowed.some((a) => {
    const p = a.replace(/\/+$/, '');
    return full === p || full.startsWith(`${p}/`) || ref.registry === p;
  });
}
