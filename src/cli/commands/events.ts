// `palisade events`: query the runtime evidence database (alerts and their evidence), which keeps
// records after their container is gone.
import { existsSync } from 'node:fs';
import { PalisadeError } from '../../core/errors.js';
import { falcoPriority } from '../../runtime/alerts/alert.js';
import { DEFAULT_DB, EvidenceStore } from '../../runtime/evidence/store.js';
import { PRIORITIES, priorityRank } from '../../runtime/rules/ruleset.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';
import { priorityOpt } from './agent.js';

/** "30m", "2h", "7d" ago, or an ISO date → ms since epoch */
export function parseSince(s: string, now = Date.now()): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(s);
  if (m)
    return now - Number(m[1]) * { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[m[2] as 's' | 'm' | 'h' | 'd'];
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new PalisadeError('USAGE', `--since ${s}: expected 30m, 2h, 7d or an ISO date`);
  return t;
}

export const eventsCommand: CommandModule = {
  name: 'events',
  register(program, { io, setExit }) {
    program
      .command('events')
      .description('query stored runtime alerts and their evidence')
      .option('--db <path>', 'evidence database', DEFAULT_DB)
      .option('-c, --container <id|name>', 'container id (prefix) or name')
      .option('--rule <name>', 'rule name')
      .option('--image <ref>', 'image reference or digest')
      .option('--since <when>', 'newer than: 30m, 2h, 7d or an ISO date')
      .option('--priority <p>', 'at or above this priority')
      .option('-n, --limit <n>', 'most recent N', '50')
      .option('--id <n>', 'one alert with its full evidence')
      .option('--containers', 'list the containers the agent has seen')
      .option('--json', 'JSON output (JSON lines of {id, alert, evidence})')
      .action((opts) => {
        const path = opts.db as string;
        if (!existsSync(path))
          throw new PalisadeError(
            'INPUT',
            `${path}: no evidence database (run \`palisade agent\` first, or give --db)`,
          );
        const store = new EvidenceStore(path, { readonly: true });
        try {
          const w = (l: string) => io.stdout.write(`${l}\n`);
          if (opts.containers) {
            for (const c of store.containers())
              w(
                opts.json
                  ? JSON.stringify(c)
                  : `${c.id.slice(0, 12)}  ${c.name ?? ''}  ${c.image ?? ''}  last seen ${new Date(c.last_seen).toISOString()}`,
              );
            setExit(EXIT.OK);
            return;
          }
          if (opts.id !== undefined) {
            const r = store.get(Number(opts.id));
            if (!r) throw new PalisadeError('NOT_FOUND', `events: no alert with id ${opts.id} in ${path}`);
            w(JSON.stringify(r, null, 2));
            setExit(EXIT.OK);
            return;
          }
          const min = priorityOpt(opts.priority as string | undefined, '--priority');
          const limit = Number(opts.limit);
          if (!Number.isInteger(limit) || limit < 1)
            throw new PalisadeError('USAGE', `--limit ${opts.limit}: expected a positive integer`);
          const rows = store.query({
            ...(opts.container ? { container: opts.container as string } : {}),
            ...(opts.rule ? { rule: opts.rule as string } : {}),
            ...(opts.image ? { image: opts.image as string } : {}),
            ...(opts.since ? { since: parseSince(opts.since as string) } : {}),
            ...(min
              ? {
                  priorities: PRIORITIES.filter((p) => priorityRank(p) <= priorityRank(min)).map(
                    falcoPriority,
                  ),
                }
              : {}),
            limit,
          });
          if (opts.json) for (const r of rows) w(JSON.stringify(r));
          else {
            if (!rows.length) w('no alerts match');
            for (const { id, alert: a } of rows) {
              const c = a.container
                ? `${a.container.name ?? ''}(${a.container.id.slice(0, 12)}) ${a.container.image ?? ''}`
                : 'host';
              w(`${String(id).padStart(5)}  ${a.time}  ${a.priority.padEnd(8)}  ${a.rule}  [${c}]`);
              w(`       ${a.output}`);
            }
          }
          setExit(EXIT.OK);
        } finally {
          store.close();
        }
      });
  },
};
