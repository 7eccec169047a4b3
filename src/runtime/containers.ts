// Container enrichment: cgroup → container id → engine metadata (name, image, labels, Kubernetes pod
// and namespace from the kubelet's labels, privileged, mounts, overlay layers), cached and refreshed.
// Entries outlive their container (the agent keeps what it learned for evidence) and are evicted by age.
import { constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, copyFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerInfo, RuntimeEvent } from './event.js';
import type { DockerClient, DockerContainerJSON } from './sensors/docker-api.js';
import { checkUpperLayer, sha256File, type ContainerLayers } from './drift.js';
import { containerIdFromCgroup, procContainerId } from './sensors/procfs.js';

export interface ContainerRecord {
  info: ContainerInfo;
  layers: ContainerLayers;
  hostsPath?: string;
  /** ip → names from the container's /etc/hosts */
  hosts?: Map<string, string>;
  fetchedAt: number;
  gone?: boolean;
}

/** Split "registry:5000/ns/repo:tag@sha256:…" into repository, tag and digest. */
export function parseImageRef(ref: string): { repository: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export function containerInfoFromInspect(j: DockerContainerJSON): ContainerRecord {
  const labels = j.Config?.Labels ?? {};
  const image = j.Config?.Image ?? j.Image ?? '';
  const ref = parseImageRef(image);
  const k8sName = labels['io.kubernetes.pod.name'];
  const info: ContainerInfo = {
    id: j.Id,
    name: (j.Name ?? '').replace(/^\//, ''),
    image,
    imageRepository: ref.repository,
    ...(ref.tag ? { imageTag: ref.tag } : {}),
    ...(ref.digest ? { imageDigest: ref.digest } : {}),
    ...(j.Image ? { imageId: j.Image } : {}),
    labels,
    privileged: j.HostConfig?.Privileged === true,
    mounts: (j.Mounts ?? []).map((m) => ({
      source: m.Source ?? '',
      destination: m.Destination ?? '',
      ...(m.Type ? { type: m.Type } : {}),
      ...(m.RW !== undefined ? { rw: m.RW } : {}),
    })),
    ...(j.State?.Pid ? { pid: j.State.Pid } : {}),
    ...(j.State?.StartedAt && !j.State.StartedAt.startsWith('0001')
      ? { startTs: Date.parse(j.State.StartedAt) }
      : {}),
    runtime: 'docker',
    ...(k8sName
      ? {
          k8s: {
            podName: k8sName,
            ...(labels['io.kubernetes.pod.namespace']
              ? { namespace: labels['io.kubernetes.pod.namespace'] }
              : {}),
            ...(labels['io.kubernetes.pod.uid'] ? { podUid: labels['io.kubernetes.pod.uid'] } : {}),
            labels: Object.fromEntries(
              Object.entries(labels).filter(
                ([k]) => !k.startsWith('io.kubernetes.') && !k.startsWith('annotation.'),
              ),
            ),
          },
        }
      : {}),
  };
  const d = j.GraphDriver?.Data ?? {};
  return {
    info,
    layers: {
      ...(j.GraphDriver?.Name ? { driver: j.GraphDriver.Name } : {}),
      ...(d.UpperDir ? { upperDir: d.UpperDir } : {}),
      ...(d.LowerDir ? { lowerDirs: d.LowerDir.split(':').filter(Boolean) } : {}),
      ...(d.MergedDir ? { mergedDir: d.MergedDir } : {}),
    },
    ...(j.HostsPath ? { hostsPath: j.HostsPath } : {}),
    fetchedAt: Date.now(),
  };
}

function parseHosts(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const l = line.replace(/#.*/, '').trim();
    if (!l) continue;
    const [ip, ...names] = l.split(/\s+/);
    if (!ip || !names.length) continue;
    const prev = m.get(ip);
    m.set(ip, prev ? `${prev},${names.join(',')}` : names.join(','));
  }
  return m;
}

export interface EnricherOptions {
  /** re-inspect running containers after this long (labels and mounts rarely change) */
  refreshMs?: number;
  maxContainers?: number;
  /** compute sha256 of drifted executables */
  hashDrift?: boolean;
  /** keep a copy of each drifted executable here, named by its sha256 (evidence of what ran) */
  keepDriftDir?: string;
  /** largest executable to copy (default 64 MiB) */
  keepDriftMaxBytes?: number;
}

export class ContainerEnricher {
  private readonly cache = new Map<string, ContainerRecord>();
  private readonly inflight = new Map<string, Promise<ContainerRecord | undefined>>();
  /** ids the engine does not know (another runtime's, or gone before we asked) */
  private readonly unknown = new Map<string, number>();
  private hostHosts?: Map<string, string>;
  stats = { inspects: 0, inspectErrors: 0, cacheHits: 0, driftChecks: 0, driftCopies: 0 };

  constructor(
    private readonly docker: DockerClient | undefined,
    private readonly opts: EnricherOptions = {},
  ) {}

  get size(): number {
    return this.cache.size;
  }

  /** Known record by full id or prefix. */
  record(idOrPrefix: string): ContainerRecord | undefined {
    const r = this.cache.get(idOrPrefix);
    if (r) return r;
    for (const [k, v] of this.cache) if (k.startsWith(idOrPrefix)) return v;
    return undefined;
  }

  /** Engine metadata for a container id (or the kernel's 63-character prefix of one). */
  async lookup(id: string, force = false): Promise<ContainerRecord | undefined> {
    const now = Date.now();
    const cached = this.record(id);
    if (cached && !force && (cached.gone || now - cached.fetchedAt < (this.opts.refreshMs ?? 60_000))) {
      this.stats.cacheHits++;
      return cached;
    }
    if (!this.docker) return cached;
    const neg = this.unknown.get(id);
    if (neg !== undefined && now - neg < 10_000 && !force) return cached;
    let p = this.inflight.get(id);
    if (!p) {
      p = this.fetch(id, cached).finally(() => this.inflight.delete(id));
      this.inflight.set(id, p);
    }
    return p;
  }

  private async fetch(id: string, cached: ContainerRecord | undefined): Promise<ContainerRecord | undefined> {
    this.stats.inspects++;
    try {
      const j = await this.docker!.inspect(id);
      if (!j) {
        this.unknown.set(id, Date.now());
        if (cached) cached.gone = true;
        return cached;
      }
      const rec = containerInfoFromInspect(j);
      if (rec.info.imageId && !rec.info.imageDigest) {
        const img = await this.docker!.image(rec.info.imageId).catch(() => undefined);
        const rd = img?.RepoDigests?.[0];
        if (rd) rec.info.imageDigest = rd.slice(rd.indexOf('@') + 1);
      }
      if (rec.hostsPath) {
        try {
          rec.hosts = parseHosts(readFileSync(rec.hostsPath, 'utf8'));
        } catch {
          // hosts file unreadable: no names
        }
      }
      this.cache.delete(j.Id);
      this.cache.set(j.Id, rec);
      if (this.cache.size > (this.opts.maxContainers ?? 4096)) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
      return rec;
    } catch {
      this.stats.inspectErrors++;
      return cached;
    }
  }

  /** Mark a container as gone (it died); its record stays for evidence. */
  markGone(id: string): void {
    const r = this.record(id);
    if (r) r.gone = true;
  }

  /** Fill e.container (and drift/host-name facts that need the container's layers). */
  async enrich(e: RuntimeEvent): Promise<void> {
    if (e.source !== 'syscall' || e.container !== undefined) return;
    let id: string | null | undefined = e.cgroup ? (containerIdFromCgroup(e.cgroup) ?? null) : undefined;
    if (id === undefined && e.proc) id = procContainerId(e.proc.pid);
    if (!id) {
      e.container = null;
      if (e.type === 'connect' && e.fd?.sip) {
        this.hostHosts ??= (() => {
          try {
            return parseHosts(readFileSync('/etc/hosts', 'utf8'));
          } catch {
            return new Map<string, string>();
          }
        })();
        const n = this.hostHosts.get(e.fd.sip);
        if (n) e.fd.sipName = n;
      }
      return;
    }
    const rec = await this.lookup(id);
    e.container = rec ? rec.info : { id };
    if (!rec) return;
    if (e.type === 'connect' && e.fd?.sip) {
      const n = rec.hosts?.get(e.fd.sip);
      if (n) e.fd.sipName = n;
    }
    if ((e.type === 'execve' || e.type === 'execveat') && e.proc?.exepath) {
      this.stats.driftChecks++;
      const r = await this.driftOf(rec, e.proc.exepath);
      e.proc.exeUpperLayer = r.drift;
      if (r.drift && r.hostPath && this.opts.hashDrift !== false) {
        const h = await sha256File(r.hostPath);
        if (h) {
          e.proc.exeSha256 = h;
          if (this.opts.keepDriftDir) await this.keepCopy(r.hostPath, h);
        }
      }
    }
  }

  private async keepCopy(hostPath: string, sha: string): Promise<void> {
    const dir = this.opts.keepDriftDir!;
    const dest = join(dir, sha);
    try {
      if (existsSync(dest) || statSync(hostPath).size > (this.opts.keepDriftMaxBytes ?? 64 << 20)) return;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // copy without following a symlink planted at the destination, and never executable
      await copyFile(hostPath, `${dest}.tmp`, constants.COPYFILE_EXCL);
      await chmod(`${dest}.tmp`, 0o400);
      await rename(`${dest}.tmp`, dest);
      this.stats.driftCopies++;
    } catch {
      // best effort: the hash is the evidence; the copy is a bonus
    }
  }

  private changes = new Map<string, { at: number; paths: Set<string> }>();
  private async driftOf(rec: ContainerRecord, exepath: string) {
    if (rec.layers.upperDir) return checkUpperLayer(rec.layers, exepath);
    // no overlay upper dir (vfs, containerd snapshotter…): ask the engine what changed
    if (!this.docker) return { drift: false };
    let c = this.changes.get(rec.info.id);
    if (!c || Date.now() - c.at > 2000) {
      const list = await this.docker.changes(rec.info.id).catch(() => undefined);
      c = { at: Date.now(), paths: new Set((list ?? []).filter((x) => x.Kind !== 2).map((x) => x.Path)) };
      this.changes.set(rec.info.id, c);
    }
    return { drift: c.paths.has(exepath) };
  }
}
