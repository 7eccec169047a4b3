// `palisade agent`: the runtime sensor. Runs until SIGINT/SIGTERM (or --duration), writes alerts to
// the outputs, evidence to SQLite, and its counters (events, drops, alerts) to stderr.
import { Option } from 'commander';
import { PalisadeError } from '../../core/errors.js';
import { Agent, type SensorKind } from '../../runtime/agent.js';
import { createOutput } from '../../runtime/alerts/outputs/index.js';
import { DEFAULT_DB, EvidenceStore } from '../../runtime/evidence/store.js';
import { builtinRuleFile, readRuleFiles } from '../../runtime/rules/builtin.js';
import { loadRuleFiles, parsePriority, type Priority } from '../../runtime/rules/ruleset.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';

const SENSORS: SensorKind[] = ['ebpf', 'proc', 'docker', 'k8s-audit'];

export function parseSensors(s: string): SensorKind[] {
  const out = s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const x of out)
    if (!SENSORS.includes(x as SensorKind))
      throw new PalisadeError('USAGE', `--sensors ${s}: unknown sensor '${x}' (use ${SENSORS.join(', ')})`);
  return out as SensorKind[];
}

function num(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new PalisadeError('USAGE', `${flag} ${v}: expected a non-negative number`);
  return n;
}

export function priorityOpt(v: string | undefined, flag: string): Priority | undefined {
  if (v === undefined) return undefined;
  const p = parsePriority(v);
  if (!p) throw new PalisadeError('USAGE', `${flag} ${v}: unknown priority (emergency … debug)`);
  return p;
}

export const agentCommand: CommandModule = {
  name: 'agent',
  register(program, { io, setExit }) {
    program
      .command('agent')
      .description(
        'run the runtime sensor: eBPF/proc/Docker/Kubernetes-audit events → Falco-language rules → alerts',
      )
      .option('-r, --rules <file...>', 'extra Falco rule files (loaded after the built-in rules)')
      .option('--no-builtin-rules', 'do not load the built-in rules')
      .option('--sensors <list>', `event sources: ${SENSORS.join(',')}`, 'ebpf,docker')
      .option('--no-ebpf', 'do not use eBPF: use the /proc polling fallback instead (lower fidelity)')
      .option(
        '--no-ebpf-pageout',
        "keep bpftrace's compile-time LLVM/clang pages resident (by default they are released once the probes are attached)",
      )
      .option('--no-proc-fallback', 'fail instead of falling back to /proc when eBPF cannot start')
      .option('--docker-host <url>', 'Docker Engine socket (unix://PATH), or "none"')
      .option('--k8s-audit-listen <addr>', 'receive Kubernetes audit webhooks on HOST:PORT (path /k8s-audit)')
      .option('--k8s-audit-cert <file>', 'PEM certificate for the audit webhook')
      .option('--k8s-audit-key <file>', 'PEM key for the audit webhook')
      .option(
        '--k8s-audit-insecure-http',
        'serve the audit webhook over plain HTTP (behind a TLS proxy only)',
      )
      .option(
        '-o, --output <spec...>',
        'alert outputs: stdout, file:PATH, http(s)://URL, syslog://HOST:PORT, syslog+tcp://…',
        ['stdout'],
      )
      .option('--db <path>', 'evidence database (SQLite)', DEFAULT_DB)
      .option('--no-db', 'do not store evidence')
      .option('--min-priority <p>', 'drop rules less severe than this')
      .option('--evidence-priority <p>', 'store evidence for alerts at or above this priority', 'warning')
      .addOption(
        new Option('--rule-matching <mode>', 'fire every matching rule, or only the first')
          .choices(['all', 'first'])
          .default('all'),
      )
      .option(
        '--dedup-window <sec>',
        'fold identical alerts (rule, container, output) within this window',
        '60',
      )
      .option('--rate-limit <n>', 'alerts per minute per rule and container (0 = unlimited)', '30')
      .option('--burst <n>', 'rate-limit burst', '10')
      .option(
        '--record <file>',
        'append every enriched event to FILE as JSON lines (replay with `palisade rules replay`)',
      )
      .option('--drift-keep-dir <dir>', 'keep a copy of every drifted executable in DIR, named by its sha256')
      .option('--proc-interval <ms>', '/proc polling interval', '250')
      .option('--duration <sec>', 'stop after this many seconds')
      .option('--stats-interval <sec>', 'print counters to stderr this often (0 = only at exit)', '0')
      .option('--stats-file <file>', 'write the final counters as JSON to FILE')
      .action(async (opts) => {
        let sensors = parseSensors(opts.sensors as string);
        if (opts.ebpf === false)
          sensors = [...new Set(sensors.map((s) => (s === 'ebpf' ? 'proc' : s)))] as SensorKind[];
        if (opts.k8sAuditListen && !sensors.includes('k8s-audit')) sensors.push('k8s-audit');
        const files = [
          ...(opts.builtinRules === false ? [] : [builtinRuleFile()]),
          ...readRuleFiles((opts.rules as string[]) ?? []),
        ];
        if (!files.length)
          throw new PalisadeError('USAGE', 'agent: no rules (give --rules or keep the built-in rules)');
        const rules = loadRuleFiles(files);
        if (rules.errors.length)
          throw new PalisadeError(
            'INPUT',
            `rules do not load: ${rules.errors[0]}${rules.errors.length > 1 ? ` (+${rules.errors.length - 1} more)` : ''}`,
          );
        const log = (m: string) => io.stderr.write(`palisade agent: ${m}\n`);
        for (const w of rules.warnings) log(`warning: ${w}`);
        log(
          `${rules.rules.length} rules active, ${rules.disabled.length} disabled (see \`palisade rules check\`)`,
        );
        const outputs = ((opts.output as string[]) ?? ['stdout']).map((s) => createOutput(s, io.stdout));
        const store = opts.db === false ? undefined : new EvidenceStore(opts.db as string);
        const minPriority = priorityOpt(opts.minPriority as string | undefined, '--min-priority');
        const evidencePriority = priorityOpt(opts.evidencePriority as string, '--evidence-priority');
        const dockerHost = (opts.dockerHost as string | undefined) ?? io.env.DOCKER_HOST;
        const agent = new Agent({
          rules,
          sensors,
          fallbackToProc: opts.procFallback !== false,
          ebpf: { pageOut: opts.ebpfPageout !== false },
          ...(dockerHost ? { dockerHost } : {}),
          procIntervalMs: num(opts.procInterval as string, '--proc-interval'),
          ...(opts.k8sAuditListen
            ? {
                k8sAudit: {
                  listen: opts.k8sAuditListen as string,
                  ...(opts.k8sAuditCert ? { certFile: opts.k8sAuditCert as string } : {}),
                  ...(opts.k8sAuditKey ? { keyFile: opts.k8sAuditKey as string } : {}),
                  insecureHttp: opts.k8sAuditInsecureHttp === true,
                },
              }
            : {}),
          outputs,
          ...(store ? { store } : {}),
          ...(minPriority ? { minPriority } : {}),
          ...(evidencePriority ? { evidencePriority } : {}),
          matching: opts.ruleMatching as 'all' | 'first',
          throttle: {
            dedupWindowMs: num(opts.dedupWindow as string, '--dedup-window') * 1000,
            ratePerMin: num(opts.rateLimit as string, '--rate-limit'),
            burst: num(opts.burst as string, '--burst'),
          },
          ...(opts.record ? { recordPath: opts.record as string } : {}),
          ...(opts.driftKeepDir ? { keepDriftDir: opts.driftKeepDir as string } : {}),
          notice: log,
        });
        const printStats = () => {
          const s = agent.stats();
          log(`stats ${JSON.stringify(s)}`);
          return s;
        };
        try {
          await agent.start();
        } catch (e) {
          await agent.stop().catch(() => undefined);
          store?.close();
          throw e;
        }
        log(`ready: sensors ${agent.active.join(', ')}`);
        const every = num(opts.statsInterval as string, '--stats-interval');
        const ticker = every > 0 ? setInterval(printStats, every * 1000) : undefined;
        await new Promise<void>((resolve) => {
          const done = () => resolve();
          process.once('SIGINT', done);
          process.once('SIGTERM', done);
          if (opts.duration !== undefined)
            setTimeout(done, num(opts.duration as string, '--duration') * 1000);
        });
        if (ticker) clearInterval(ticker);
        log('stopping');
        await agent.stop();
        const s = printStats();
        if (opts.statsFile) {
          const { writeFileSync } = await import('node:fs');
          writeFileSync(opts.statsFile as string, JSON.stringify(s, null, 2));
        }
        store?.close();
        setExit(EXIT.OK);
      });
  },
};
