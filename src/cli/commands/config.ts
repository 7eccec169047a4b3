// `palisade config PATH…`: misconfiguration checks for Dockerfiles, Compose files, Kubernetes
// manifests, Helm charts and Kustomize directories, plus custom CEL policies.
import { writeFile } from 'node:fs/promises';
import { Option } from 'commander';
import { PalisadeError } from '../../core/errors.js';
import {
  SEVERITIES,
  severityRank,
  type Finding,
  type MisconfigFinding,
  type Report,
  type Severity,
} from '../../core/types.js';
import { scanConfig } from '../../evaluate/config-scan.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';

interface ConfigFlags {
  format: 'json' | 'table';
  output?: string;
  severity?: string;
  exitCode: string;
  policy: string[];
  allowedRegistries?: string;
  skipCheck: string[];
  buildArg: string[];
  helmValues: string[];
}

const collect = (v: string, prev: string[]) => [...prev, v];

/**
 * `--severity high` keeps high and above; `--severity HIGH,CRITICAL` keeps exactly those.
 */
export function parseSeverityFilter(spec: string | undefined): (s: Severity) => boolean {
  if (!spec) return () => true;
  const parts = spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const p of parts)
    if (!SEVERITIES.includes(p as Severity))
      throw new PalisadeError('USAGE', `--severity: unknown severity "${p}" (use ${SEVERITIES.join(', ')})`);
  if (parts.length === 1) {
    const min = severityRank(parts[0] as Severity);
    return (s) => severityRank(s) >= min;
  }
  return (s) => parts.includes(s);
}

function location(f: Finding): string {
  const l = f.location;
  if (!l) return '';
  return `${l.path}${l.innerPath ? `!${l.innerPath}` : ''}${l.line ? `:${l.line}` : ''}`;
}

/** Minimal table; the shared writers in src/report/ replace it once they land. */
export function renderTable(report: Report): string {
  const fs = report.findings as MisconfigFinding[];
  const sorted = [...fs].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      location(a).localeCompare(location(b), undefined, { numeric: true }) ||
      a.id.localeCompare(b.id),
  );
  const rows = sorted.map((f) => [
    f.severity.toUpperCase(),
    f.id,
    f.resource ?? '',
    location(f),
    f.description ?? f.title,
  ]);
  const head = ['SEVERITY', 'CHECK', 'RESOURCE', 'LOCATION', 'MESSAGE'];
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (rows.length) out.push(line(head), ...rows.map(line));
  const counts = SEVERITIES.map((s) => `${s}: ${fs.filter((f) => f.severity === s).length}`).join(', ');
  out.push(
    '',
    `${fs.length} finding${fs.length === 1 ? '' : 's'} (${counts}); ${report.suppressed?.length ?? 0} suppressed; ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}`,
  );
  for (const w of report.warnings) out.push(`warning: ${w.message}`);
  return `${out.join('\n')}\n`;
}

export const configCommand: CommandModule = {
  name: 'config',
  register(program, { io, setExit }) {
    program
      .command('config')
      .description('check Dockerfiles, Compose files, Kubernetes manifests, Helm charts and kustomizations')
      .argument('<paths...>', 'files or directories')
      .addOption(
        new Option('-f, --format <format>', 'output format').choices(['json', 'table']).default('table'),
      )
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('-s, --severity <list>', 'report only these severities (a list, or one minimum: high)')
      .option('--exit-code <code>', 'exit code when findings remain after filtering', '1')
      .option('--policy <file>', 'custom CEL policy file (repeatable)', collect, [])
      .option('--allowed-registries <list>', 'image registries workloads may pull from (comma-separated)')
      .option('--skip-check <id>', 'check id to skip (repeatable)', collect, [])
      .option('--build-arg <k=v>', 'Dockerfile build argument (repeatable)', collect, [])
      .option('--helm-values <file>', 'values file for helm template (repeatable)', collect, [])
      .action(async (paths: string[], flags: ConfigFlags) => {
        const gate = Number(flags.exitCode);
        if (!Number.isInteger(gate) || gate < 0 || gate > 255)
          throw new PalisadeError('USAGE', `--exit-code: "${flags.exitCode}" is not an exit code (0-255)`);
        const keep = parseSeverityFilter(flags.severity);
        const buildArgs: Record<string, string> = {};
        for (const kv of flags.buildArg) {
          const eq = kv.indexOf('=');
          if (eq <= 0) throw new PalisadeError('USAGE', `--build-arg: "${kv}" is not NAME=value`);
          buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1);
        }
        const report = await scanConfig(paths, {
          policyFiles: flags.policy,
          allowedRegistries: flags.allowedRegistries
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          skip: flags.skipCheck,
          buildArgs,
          helmValues: flags.helmValues,
        });
        report.findings = report.findings.filter((f) => keep(f.severity));
        const text = flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderTable(report);
        if (flags.output) await writeFile(flags.output, text);
        else io.stdout.write(text);
        if (flags.format === 'json')
          for (const w of report.warnings) io.stderr.write(`warning: ${w.message}\n`);
        setExit(report.findings.length > 0 ? gate : EXIT.OK);
      });
  },
};
