// Docker Compose files → one Resource per service, with positions through the file's YAML.
// Compose accepts short and long syntaxes for ports, volumes and environment; the helpers here read
// both so every check sees one shape.
import type { InlineIgnores, PathSeg, Resource } from '../engine.js';
import { arr, isObj, obj, str } from '../k8s/resource.js';
import type { YamlDoc } from '../yaml-source.js';

export const COMPOSE_KIND = 'ComposeService';

export function looksLikeCompose(v: unknown): boolean {
  if (!isObj(v) || !isObj(v.services)) return false;
  return Object.values(v.services).every((s) => s === null || isObj(s));
}

export function composeResources(
  doc: YamlDoc,
  file: string,
  inlineIgnores: InlineIgnores | undefined,
): Resource[] {
  const services = obj(obj(doc.value).services);
  return Object.entries(services).map(([name, svc]) => {
    const prefix: PathSeg[] = ['services', name];
    const r: Resource = {
      kind: COMPOSE_KIND,
      id: `${COMPOSE_KIND}/${name}`,
      name,
      file,
      line: doc.locate(prefix)?.line ?? doc.line,
      object: obj(svc),
      locate: (p) => doc.locate([...prefix, ...p]),
    };
    if (inlineIgnores) r.inlineIgnores = inlineIgnores;
    return r;
  });
}

export function service(r: Resource): Record<string, unknown> {
  return obj(r.object);
}

export interface Mount {
  source: string;
  target: string;
  type: string;
  path: PathSeg[];
}

/** Volumes in short (`src:dst:ro`) and long (`{type, source, target}`) syntax. */
export function mountsOf(r: Resource): Mount[] {
  const out: Mount[] = [];
  arr(service(r).volumes).forEach((v, i) => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      const src = parts.length > 1 ? parts[0]! : '';
      const dst = parts.length > 1 ? (parts[1] ?? '') : parts[0]!;
      const type =
        src.startsWith('/') || src.startsWith('.') || src.startsWith('~')
          ? 'bind'
          : src
            ? 'volume'
            : 'anonymous';
      out.push({ source: src, target: dst, type, path: ['volumes', i] });
    } else if (isObj(v)) {
      out.push({
        source: str(v.source) ?? '',
        target: str(v.target) ?? '',
        type: str(v.type) ?? 'volume',
        path: ['volumes', i],
      });
    }
  });
  return out;
}

export interface EnvVar {
  name: string;
  value: string | undefined;
  path: PathSeg[];
}

/** environment as a map or as a list of NAME=value strings. */
export function envOf(r: Resource): EnvVar[] {
  const env = service(r).environment;
  const out: EnvVar[] = [];
  if (Array.isArray(env))
    env.forEach((e, i) => {
      const s = String(e);
      const eq = s.indexOf('=');
      out.push({
        name: eq < 0 ? s : s.slice(0, eq),
        value: eq < 0 ? undefined : s.slice(eq + 1),
        path: ['environment', i],
      });
    });
  else if (isObj(env))
    for (const [k, v] of Object.entries(env))
      out.push({
        name: k,
        value: v === null || v === undefined ? undefined : String(v),
        path: ['environment', k],
      });
  return out;
}

export interface PortBinding {
  hostIp: string;
  published: string;
  target: string;
  path: PathSeg[];
}

/** ports in short (`[ip:][host:]container[/proto]`) and long (`{target, published, host_ip}`) syntax. */
export function portsOf(r: Resource): PortBinding[] {
  const out: PortBinding[] = [];
  arr(service(r).ports).forEach((p, i) => {
    if (typeof p === 'string' || typeof p === 'number') {
      const s = String(p).replace(/\/(tcp|udp|sctp)$/, '');
      // IPv6 host addresses are bracketed: [::1]:8080:80
      const m = /^(?:(\[[^\]]+\]|[^:]+):)?(?:([^:]*):)?([^:]+)$/.exec(s);
      if (!m) return;
      let hostIp = '';
      let published = '';
      if (m[1] !== undefined && m[2] !== undefined) {
        hostIp = m[1];
        published = m[2];
      } else if (m[1] !== undefined) published = m[1];
      out.push({ hostIp: hostIp.replace(/^\[|\]$/g, ''), published, target: m[3]!, path: ['ports', i] });
    } else if (isObj(p))
      out.push({
        hostIp: str(p.host_ip) ?? '',
        published: p.published === undefined ? '' : String(p.published),
        target: String(p.target ?? ''),
        path: ['ports', i],
      });
  });
  return out;
}

/** security_opt entries, normalised to `key=value` (Compose accepts `key:value` too). */
export function securityOpts(r: Resource): { opt: string; path: PathSeg[] }[] {
  return arr(service(r).security_opt).map((o, i) => ({
    opt: String(o).replace(/^([a-z-]+):/, '$1='),
    path: ['security_opt', i],
  }));
}
