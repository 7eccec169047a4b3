// `palisade rules check FILE…` loads Falco rule files and reports what is active, what is disabled and
// why; `palisade rules replay EVENTS.jsonl` runs a recorded event stream through the rules.
import { readFileSync } from 'node:fs';
import { PalisadeError } from '../../core/errors.js';
import { alertFromMatch } from '../../runtime/alerts/alert.js';
import { replay, parseEventLines } from '../../runtime/replay.js';
import { builtinRuleFile, readRuleFiles } from '../../runtime/rules/builtin.js';
import { RuleEngine } from '../../runtime/rules/engine.js';
import { loadRuleFiles, type RuleSet } from '../../runtime/rules/ruleset.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';
import { priorityOpt } from './agent.js';

function checkSummary(rs: RuleSet) {
  const byType = new Map<string, number>();
  let generic = 0;
  for (const r of rs.rules) {
    if ('only' in r.types) for (const t of r.types.only) byType.set(t, (byType.get(t) ?? 0) + 1);
    else generic++;
  }
  return {
    files: rs.counts.files,
    rules: rs.counts.rules,
    macros: rs.counts.macros,
    lists: rs.counts.lists,
    active: rs.rules.length,
    disabled: rs.disabled,
    errors: rs.errors,
    warnings: rs.warnings,
    eventTypes: Object.fromEntries([...byType].sort()),
    rulesForAllEventTypes: rs.rules.filter((r) => !('only' in r.types)).map((r) => r.def.name),
    genericCount: generic,
  };
}

export const rulesCommand: CommandModule = {
  name: 'rules',
  register(program, { io, setExit }) {
    const rules = program
      .command('rules')
      .description('check and exercise runtime rule files (Falco rule language)');
    rules
      .command('check')
      .description('load rule files; print how many rules are active, which are disabled and why')
      .argument('[files...]', 'rule files (YAML)')
      .option('--builtin', 'load the built-in rules first (for files that tune them)')
      .option('--json', 'machine-readable output')
      .action((files: string[], opts) => {
        if (!files.length && !opts.builtin)
          throw new PalisadeError(
            'USAGE',
            'rules check: give rule files (or --builtin to check the built-in rules)',
          );
        const rs = loadRuleFiles([...(opts.builtin ? [builtinRuleFile()] : []), ...readRuleFiles(files)]);
        const s = checkSummary(rs);
        if (opts.json) io.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        else {
          const w = (l: string) => io.stdout.write(`${l}\n`);
          w(`${s.files} file(s): ${s.rules} rules, ${s.macros} macros, ${s.lists} lists`);
          w(`${s.active} rules active, ${s.disabled.length} disabled`);
          for (const d of s.disabled) w(`  disabled: ${d.name} (${d.file}): ${d.reason}`);
          if (s.rulesForAllEventTypes.length)
            w(
              `  ${s.rulesForAllEventTypes.length} rule(s) match every event type of their source: ${s.rulesForAllEventTypes.join(', ')}`,
            );
          for (const x of s.warnings) w(`warning: ${x}`);
          for (const x of s.errors) io.stderr.write(`error: ${x}\n`);
        }
        setExit(s.errors.length ? EXIT.USAGE : EXIT.OK);
      });
    rules
      .command('replay')
      .description(
        'run a recorded event stream (JSON lines from `agent --record`) through the rules; print the alerts',
      )
      .argument('<events>', 'JSONL file of events')
      .option('-r, --rules <file...>', 'rule files (after the built-in rules)')
      .option('--no-builtin-rules', 'do not load the built-in rules')
      .option('--min-priority <p>', 'drop rules less severe than this')
      .action((eventsFile: string, opts) => {
        let text: string;
        try {
          text = readFileSync(eventsFile, 'utf8');
        } catch (e) {
          throw new PalisadeError(
            'INPUT',
            `${eventsFile}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`,
          );
        }
        const rs = loadRuleFiles([
          ...(opts.builtinRules === false ? [] : [builtinRuleFile()]),
          ...readRuleFiles((opts.rules as string[]) ?? []),
        ]);
        if (rs.errors.length) throw new PalisadeError('INPUT', `rules do not load: ${rs.errors[0]}`);
        const minPriority = priorityOpt(opts.minPriority as string | undefined, '--min-priority');
        const engine = new RuleEngine(rs, minPriority ? { minPriority } : {});
        const { events, warnings } = parseEventLines(text, eventsFile);
        for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
        for (const m of replay(events, engine)) io.stdout.write(`${JSON.stringify(alertFromMatch(m))}\n`);
        setExit(EXIT.OK);
      });
  },
};
