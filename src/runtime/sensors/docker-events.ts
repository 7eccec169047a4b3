// Docker Engine events (GET /events, container type): create, start, exec, die, … become events of
// source `docker` with the container's metadata, so rules see privileged runs and host mounts at start.
// The stream is reconnected with `since` after an engine restart, so nothing between is lost.
import { hostname } from 'node:os';
import type { ContainerEnricher } from '../containers.js';
import type { RuntimeEvent } from '../event.js';
import type { DockerClient, DockerEvent } from './docker-api.js';
import type { Sensor, SensorContext } from './sensor.js';

const ACTIONS: Record<string, string> = {
  create: 'container_create',
  start: 'container_start',
  die: 'container_die',
  stop: 'container_stop',
  kill: 'container_kill',
  destroy: 'container_destroy',
  pause: 'container_pause',
  unpause: 'container_unpause',
  rename: 'container_rename',
  update: 'container_update',
  exec_create: 'container_exec_create',
  exec_start: 'container_exec',
  exec_die: 'container_exec_die',
  attach: 'container_attach',
  commit: 'container_commit',
  copy: 'container_copy',
  archive_path: 'container_archive_path',
  extract_to_dir: 'container_extract_to_dir',
};

export function dockerEventType(action: string): string | undefined {
  // "exec_start: sh -c id" carries the command after a colon
  const base = action.split(':')[0]!.trim();
  return ACTIONS[base];
}

export class DockerEventsSensor implements Sensor {
  readonly name = 'docker' as const;
  readonly description = 'Docker Engine events API (container lifecycle, exec, privileged runs, mounts)';
  private abort?: AbortController;
  private counters = { events: 0, reconnects: 0, errors: 0 };
  private loop?: Promise<void>;

  constructor(
    private readonly docker: DockerClient,
    private readonly enricher: ContainerEnricher,
  ) {}

  stats(): Record<string, number> {
    return { ...this.counters, dropped: 0 };
  }

  async start(ctx: SensorContext): Promise<void> {
    const version = await this.docker.ping();
    ctx.notice(`docker: engine ${version ?? '?'} at ${this.docker.socketPath}`);
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const host = hostname();
    let since = Math.floor(Date.now() / 1000);
    // prime the cache with running containers, so the first events of existing ones are enriched fast
    for (const c of await this.docker.list().catch(() => [])) await this.enricher.lookup(c.Id);
    const handle = (d: DockerEvent) => {
      const action = d.Action ?? d.status ?? '';
      const type = dockerEventType(action);
      const id = d.Actor?.ID ?? d.id;
      if (!type || !id) return;
      if (d.time) since = d.time;
      this.counters.events++;
      const ts = d.timeNano ? d.timeNano / 1e6 : (d.time ?? Date.now() / 1000) * 1000;
      void (async () => {
        const rec =
          type === 'container_destroy'
            ? this.enricher.record(id)
            : await this.enricher.lookup(id, type === 'container_start' || type === 'container_create');
        if (type === 'container_die' || type === 'container_destroy') this.enricher.markGone(id);
        const attrs = d.Actor?.Attributes ?? {};
        const args: Record<string, string | number> = {};
        if (attrs.exitCode !== undefined) args.exit_code = Number(attrs.exitCode);
        if (action.includes(':')) args.exec_cmd = action.slice(action.indexOf(':') + 1).trim();
        if (attrs.execID) args.exec_id = attrs.execID;
        const e: RuntimeEvent = {
          ts,
          source: 'docker',
          sensor: 'docker',
          type,
          container: rec?.info ?? {
            id,
            ...(attrs.name ? { name: attrs.name } : {}),
            ...(attrs.image ? { image: attrs.image } : {}),
          },
          args,
          hostname: host,
        };
        ctx.emit(e);
      })().catch(() => {
        this.counters.errors++;
      });
    };
    const run = async () => {
      while (!signal.aborted) {
        try {
          await this.docker.events(handle, signal, since);
        } catch (e) {
          this.counters.errors++;
          if (signal.aborted) break;
          ctx.notice(`docker: events stream failed (${(e as Error).message}); reconnecting`);
        }
        if (signal.aborted) break;
        this.counters.reconnects++;
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    this.loop = run();
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
  }
}
