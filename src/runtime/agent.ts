// The runtime agent: sensors → bounded queue → container enrichment → rule engine → dedup/rate limit →
// outputs, and evidence into SQLite for alerts of priority Warning or above. Sensors never wait for
// the pipeline: when the queue is full, events are dropped and counted (and the kernel side counts its
// own drops), so the agent degrades by losing events it reports, not by stalling the host.
import { createWriteStream, type WriteStream } from 'node:fs';
import { PalisadeError, errorMessage } from '../core/errors.js';
import { alertFromMatch, type Alert } from './alerts/alert.js';
import type { AlertOutput } from './alerts/outputs/index.js';
import { Throttle, type ThrottleOptions } from './alerts/throttle.js';
import { ContainerEnricher } from './containers.js';
import type { RuntimeEvent } from './event.js';
import { buildEvidence } from './evidence/evidence.js';
import { RecentEvents } from './evidence/recent.js';
import type { EvidenceStore } from './evidence/store.js';
import { RuleEngine, type RuleMatch } from './rules/engine.js';
import { priorityRank, type Priority, type RuleSet } from './rules/ruleset.js';
import { DockerClient } from './sensors/docker-api.js';
import { DockerEventsSensor } from './sensors/docker-events.js';
import { EbpfSensor, type EbpfOptions } from './sensors/ebpf.js';
import { K8sAuditSensor, type K8sAuditOptions } from './sensors/k8s-audit.js';
import { ProcPollSensor } from './sensors/proc-poll.js';
import type { Sensor } from './sensors/sensor.js';

export type SensorKind = 'ebpf' | 'proc' | 'docker' | 'k8s-audit';

export interface AgentOptions {
  rules: RuleSet;
  sensors: SensorKind[];
  /** when eBPF cannot start, fall back to /proc polling (default true) */
  fallbackToProc?: boolean;
  dockerHost?: string;
  ebpf?: EbpfOptions;
  procIntervalMs?: number;
  k8sAudit?: K8sAuditOptions;
  outputs: AlertOutput[];
  store?: EvidenceStore;
  minPriority?: Priority;
  matching?: 'all' | 'first';
  throttle?: ThrottleOptions;
  /** alerts at or above this priority get an evidence record (default WARNING) */
  evidencePriority?: Priority;
  /** keep copies of drifted executables here (named by sha256) */
  keepDriftDir?: string;
  /** write every enriched event here as JSON lines (for replay) */
  recordPath?: string;
  queueSize?: number;
  notice?: (msg: string) => void;
  onAlert?: (a: Alert, m: RuleMatch) => void;
}

export interface AgentStats {
  uptimeSec: number;
  events: number;
  /** events processed per evt.type */
  eventsByType: Record<string, number>;
  /** events the agent's queue dropped (pipeline slower than sensors) */
  queueDropped: number;
  /** events lost before reaching us (kernel perf ring overflow) */
  sensorDropped: number;
  queueDepth: number;
  matches: number;
  alerts: number;
  deduplicated: number;
  rateLimited: number;
  evidenceStored: number;
  sensors: Record<string, Record<string, number>>;
  enrichment: Record<string, number>;
  outputs: Record<string, Record<string, number>>;
}

export class Agent {
  readonly engine: RuleEngine;
  readonly enricher: ContainerEnricher;
  private readonly docker?: DockerClient;
  private readonly sensors: Sensor[] = [];
  private readonly queue: RuntimeEvent[] = [];
  private qHead = 0;
  private draining = false;
  private readonly throttle: Throttle;
  private readonly recent = new RecentEvents();
  private record?: WriteStream;
  private readonly pendingEvidence = new Set<Promise<void>>();
  private startedAt = 0;
  private num = 0;
  private counters = { events: 0, queueDropped: 0, alerts: 0 };
  private readonly byType = new Map<string, number>();
  private readonly evidenceRank: number;
  active: SensorKind[] = [];

  constructor(private readonly o: AgentOptions) {
    this.engine = new RuleEngine(o.rules, {
      ...(o.minPriority ? { minPriority: o.minPriority } : {}),
      ...(o.matching ? { matching: o.matching } : {}),
    });
    const wantsDocker =
      o.sensors.includes('docker') || o.sensors.includes('ebpf') || o.sensors.includes('proc');
    if (wantsDocker && o.dockerHost !== 'none') this.docker = new DockerClient(o.dockerHost);
    this.enricher = new ContainerEnricher(
      this.docker,
      o.keepDriftDir ? { keepDriftDir: o.keepDriftDir } : {},
    );
    this.throttle = new Throttle(o.throttle);
    this.evidenceRank = priorityRank(o.evidencePriority ?? 'WARNING');
    this.startedAt = Date.now();
    if (o.recordPath) this.record = createWriteStream(o.recordPath, { flags: 'a' });
  }

  private notice(m: string): void {
    this.o.notice?.(m);
  }

  async start(): Promise<void> {
    this.startedAt = Date.now();
    const ctx = { emit: (e: RuntimeEvent) => this.push(e), notice: (m: string) => this.notice(m) };
    if (this.docker) {
      const ok = await this.docker.ping().then(
        () => true,
        (e) => {
          this.notice(
            `docker: engine not reachable (${errorMessage(e)}); containers are identified by id only`,
          );
          return false;
        },
      );
      if (!ok && this.o.sensors.includes('docker') && this.o.sensors.length === 1)
        throw new PalisadeError('NETWORK', `docker: engine not reachable at ${this.docker.socketPath}`);
      if (ok && this.o.sensors.includes('docker'))
        await this.startSensor(new DockerEventsSensor(this.docker, this.enricher), ctx);
    }
    if (this.o.sensors.includes('ebpf')) {
      try {
        await this.startSensor(new EbpfSensor(this.o.ebpf), ctx);
      } catch (e) {
        if (this.o.fallbackToProc === false || this.o.sensors.includes('proc')) throw e;
        this.notice(`${errorMessage(e)}; falling back to /proc polling (lower fidelity)`);
        await this.startSensor(new ProcPollSensor({ intervalMs: this.o.procIntervalMs ?? 250 }), ctx);
      }
    }
    if (this.o.sensors.includes('proc'))
      await this.startSensor(new ProcPollSensor({ intervalMs: this.o.procIntervalMs ?? 250 }), ctx);
    if (this.o.sensors.includes('k8s-audit')) {
      if (!this.o.k8sAudit) throw new PalisadeError('USAGE', 'k8s-audit sensor needs --k8s-audit-listen');
      await this.startSensor(new K8sAuditSensor(this.o.k8sAudit), ctx);
    }
    if (!this.sensors.length) throw new PalisadeError('USAGE', 'agent: no event source could start');
  }

  private async startSensor(s: Sensor, ctx: { emit(e: RuntimeEvent): void; notice(m: string): void }) {
    await s.start(ctx);
    this.sensors.push(s);
    this.active.push(s.name as SensorKind);
    this.notice(`sensor ${s.name}: ${s.description}`);
  }

  /** Accept an event from a sensor (or a test); never blocks. */
  push(e: RuntimeEvent): void {
    const depth = this.queue.length - this.qHead;
    if (depth >= (this.o.queueSize ?? 100_000)) {
      this.counters.queueDropped++;
      return;
    }
    this.queue.push(e);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.qHead < this.queue.length) {
        const e = this.queue[this.qHead++]!;
        if (this.qHead > 4096 && this.qHead * 2 > this.queue.length) {
          this.queue.splice(0, this.qHead);
          this.qHead = 0;
        }
        await this.handle(e);
      }
    } finally {
      this.draining = false;
    }
  }

  private async handle(e: RuntimeEvent): Promise<void> {
    this.counters.events++;
    this.byType.set(e.type, (this.byType.get(e.type) ?? 0) + 1);
    e.num = ++this.num;
    try {
      await this.enricher.enrich(e);
    } catch {
      // enrichment is best effort; the event still goes through the rules
    }
    this.recent.add(e);
    if (e.source === 'docker' && e.type === 'container_start' && e.container && this.o.store)
      this.o.store.rememberContainer(e.container);
    if (this.record) this.record.write(`${JSON.stringify(e)}\n`);
    for (const m of this.engine.process(e)) this.onMatch(m);
  }

  private onMatch(m: RuleMatch): void {
    const e = m.event;
    const cid = e.container?.id ?? 'host';
    const folded = this.throttle.admit(m.rule, cid, m.output, Date.now());
    if (folded === null) return;
    const alert = alertFromMatch(m);
    if (folded > 0) alert.suppressed = folded;
    this.counters.alerts++;
    for (const o of this.o.outputs) {
      try {
        o.write(alert);
      } catch (err) {
        this.notice(`output ${o.name}: ${errorMessage(err)}`);
      }
    }
    this.o.onAlert?.(alert, m);
    const store = this.o.store;
    if (store && priorityRank(m.priority) <= this.evidenceRank) {
      const recent = this.recent.of(e.container?.id);
      const p = buildEvidence(e, recent)
        .then((ev) => store.add(alert, ev))
        .catch(() => store.add(alert))
        .finally(() => this.pendingEvidence.delete(p));
      this.pendingEvidence.add(p);
    }
  }

  /** Resolves when every queued event has gone through the rules. */
  async idle(): Promise<void> {
    while (this.draining || this.qHead < this.queue.length) await new Promise((r) => setTimeout(r, 5));
    await Promise.all([...this.pendingEvidence]);
  }

  stats(): AgentStats {
    const sensors: Record<string, Record<string, number>> = {};
    let sensorDropped = 0;
    for (const s of this.sensors) {
      const st = s.stats();
      sensors[s.name] = st;
      sensorDropped += st.dropped ?? 0;
    }
    const outputs: Record<string, Record<string, number>> = {};
    for (const o of this.o.outputs) outputs[o.name] = o.stats();
    return {
      uptimeSec: Math.round((Date.now() - this.startedAt) / 1000),
      events: this.counters.events,
      eventsByType: Object.fromEntries(this.byType),
      queueDropped: this.counters.queueDropped,
      sensorDropped,
      queueDepth: this.queue.length - this.qHead,
      matches: this.engine.stats.matches,
      alerts: this.counters.alerts,
      deduplicated: this.throttle.stats.deduplicated,
      rateLimited: this.throttle.stats.rateLimited,
      evidenceStored: this.o.store?.stats.stored ?? 0,
      sensors,
      enrichment: { ...this.enricher.stats, containers: this.enricher.size },
      outputs,
    };
  }

  async stop(): Promise<void> {
    for (const s of [...this.sensors].reverse()) {
      try {
        await s.stop();
      } catch (e) {
        this.notice(`sensor ${s.name}: stop failed: ${errorMessage(e)}`);
      }
    }
    await this.idle();
    for (const o of this.o.outputs) await o.close();
    this.o.store?.flush();
    if (this.record) await new Promise<void>((r) => this.record!.end(() => r()));
  }
}
