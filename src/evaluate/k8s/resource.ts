// Kubernetes manifests → Resources: one per object (List items expanded), with namespace, display id,
// the `palisade.dev/ignore` annotation, and a view of the pod template for every workload kind.
import type { Warning } from '../../core/types.js';
import type { InlineIgnores, PathSeg, Resource, Violation } from '../engine.js';
import { IGNORE_ANNOTATION, parseIgnoreSpec } from '../suppress.js';
import type { YamlDoc } from '../yaml-source.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Where the pod spec of each workload kind lives. */
const POD_PATHS: Record<string, { spec: PathSeg[]; meta: PathSeg[] }> = {
  Pod: { spec: ['spec'], meta: ['metadata'] },
  Deployment: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  Job: { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
  },
  PodTemplate: { spec: ['template', 'spec'], meta: ['template', 'metadata'] },
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_PATHS);

/** Kinds without a namespace; everything else defaults to `default` when metadata.namespace is absent. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'CertificateSigningRequest',
  'PodSecurityPolicy',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function getPath(root: unknown, path: readonly PathSeg[]): unknown {
  let v = root;
  for (const seg of path) {
    if (typeof seg === 'number') v = Array.isArray(v) ? v[seg] : undefined;
    else v = isObj(v) ? v[seg] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

export interface PodView {
  spec: Obj;
  specPath: PathSeg[];
  meta: Obj;
  metaPath: PathSeg[];
}

export interface ContainerRef {
  c: Obj;
  name: string;
  path: PathSeg[];
  type: 'initContainers' | 'containers' | 'ephemeralContainers';
}

export interface K8sExtra {
  pod?: PodView;
}

export function podOf(r: Resource): PodView | undefined {
  return (r.extra as K8sExtra | undefined)?.pod;
}

const containerCache = new WeakMap<PodView, ContainerRef[]>();

/** init, regular and ephemeral containers, in the order the pod-security admission visits them. */
export function containersOf(pod: PodView): ContainerRef[] {
  const hit = containerCache.get(pod);
  if (hit) return hit;
  const out: ContainerRef[] = [];
  for (const type of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    arr(pod.spec[type]).forEach((c, i) => {
      if (!isObj(c)) return;
      out.push({ c, name: str(c.name) ?? `#${i}`, path: [...pod.specPath, type, i], type });
    });
  }
  containerCache.set(pod, out);
  return out;
}

function podView(o: Obj, kind: string): PodView | undefined {
  const p = POD_PATHS[kind];
  if (!p) return undefined;
  const spec = getPath(o, p.spec);
  if (!isObj(spec)) return undefined;
  return { spec, specPath: p.spec, meta: obj(getPath(o, p.meta)), metaPath: p.meta };
}

export function resourceId(kind: string, name: string | undefined, namespace: string | undefined): string {
  return namespace ? `${kind}/${namespace}/${name ?? '(unnamed)'}` : `${kind}/${name ?? '(unnamed)'}`;
}

/** One Resource per Kubernetes object in the documents; non-Kubernetes documents are reported. */
export function k8sResources(
  docs: readonly YamlDoc[],
  file: string,
  inlineIgnores: InlineIgnores | undefined,
  warnings: Warning[],
): Resource[] {
  const out: Resource[] = [];
  const add = (o: Obj, doc: YamlDoc, prefix: PathSeg[]) => {
    const kind = str(o.kind)!;
    const meta = obj(o.metadata);
    const name = str(meta.name) ?? str(meta.generateName);
    const namespace = isClusterScoped(kind) ? undefined : (str(meta.namespace) ?? 'default');
    const ann = str(obj(meta.annotations)[IGNORE_ANNOTATION]);
    const locate = prefix.length ? (p: readonly PathSeg[]) => doc.locate([...prefix, ...p]) : doc.locate;
    const r: Resource = {
      kind,
      id: resourceId(kind, name, namespace),
      object: o,
      file,
      line: doc.locate(prefix)?.line ?? doc.line,
      locate,
      extra: { pod: podView(o, kind) } satisfies K8sExtra,
    };
    if (name !== undefined) r.name = name;
    if (namespace !== undefined) r.namespace = namespace;
    if (ann) r.ignores = parseIgnoreSpec(ann);
    if (inlineIgnores) r.inlineIgnores = inlineIgnores;
    out.push(r);
  };
  for (const doc of docs) {
    const v = doc.value;
    if (!isObj(v) || typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') {
      warnings.push({
        code: 'NOT_KUBERNETES',
        message: `${file}:${doc.line}: document ${doc.index + 1} has no apiVersion/kind; skipped`,
        location: { path: file, line: doc.line },
      });
      continue;
    }
    if (/List$/.test(v.kind) && Array.isArray(v.items)) {
      v.items.forEach((it, i) => {
        if (isObj(it) && typeof it.kind === 'string') add(it, doc, ['items', i]);
      });
      continue;
    }
    add(v, doc, []);
  }
  return out;
}

/** CEL variables for Kubernetes checks and policies. */
export function k8sCelVariables(r: Resource): Record<string, unknown> {
  const pod = podOf(r);
  return {
    object: r.object,
    kind: r.kind,
    namespace: r.namespace ?? null,
    podSpec: pod?.spec ?? null,
    podMeta: pod?.meta ?? null,
  };
}

/** Runs `fn` for every container of a workload's pod template and collects the violations. */
export function forContainers(
  r: Resource,
  fn: (c: ContainerRef, pod: PodView) => Violation | Violation[] | undefined,
  opts: { skipEphemeral?: boolean } = {},
): Violation[] {
  const pod = podOf(r);
  if (!pod) return [];
  const out: Violation[] = [];
  for (const c of containersOf(pod)) {
    if (opts.skipEphemeral && c.type === 'ephemeralContainers') continue;
    const v = fn(c, pod);
    if (Array.isArray(v)) out.push(...v);
    else if (v) out.push(v);
  }
  return out;
}

/** Runs `fn` for every volume of a workload's pod template (name, object, path) and collects violations. */
export function forVolumes(
  r: Resource,
  fn: (v: Obj, name: string, path: PathSeg[]) => Violation | undefined,
): Violation[] {
  const pod = podOf(r);
  if (!pod) return [];
  const out: Violation[] = [];
  arr(pod.spec.volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    const res = fn(v, str(v.name) ?? String(i), [...pod.specPath, 'volumes', i]);
    if (res) out.push(res);
  });
  return out;
}
