// Options and output shared by the scanning verbs (image, rootfs, fs, …).
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { SCANNERS, type Scanner } from '../catalog/analyzer.js';
import { errorMessage, PalisadeError } from '../core/errors.js';
import {
  SEVERITIES,
  severityRank,
  type Report,
  type Severity,
  type Suppressor,
  type Warning,
} from '../core/types.js';
import { gateFailures, parseFailOn } from '../evaluate/gate.js';
import { IGNORE_FILE } from '../match/ignore-file-name.js';
import { applySuppressors, dropUnfixed } from '../match/suppress.js';
import { formats, writerFor } from '../report/index.js';
import { DEFAULT_SCANNERS, type ProgressEvent, type ScanOptions } from '../scan/options.js';
import type { ThreatFlags } from '../evaluate/threat-options.js';
import type { CommandContext } from './command.js';
import { parseDuration } from '../core/duration.js';
import type { CliIO } from './io.js';
import { EXIT } from './io.js';
import { addThreatOptions, withThreatOptions } from './threat-flags.js';

export interface CommonScanFlags extends ThreatFlags {
  format: string;
  /** `-o FILE` (the --format report) and/or `-o FMT=FILE` (repeatable) */
  output?: string | string[];
  template?: string;
  quiet?: boolean;
  scanners?: string;
  severity?: string;
  exitCode?: string;
  failOn?: string;
  ignoreUnfixed?: boolean;
  ignorefile?: string;
  vex?: string[];
  cacheDir?: string;
  cache?: boolean;
  listPackages?: boolean;
  listFiles?: boolean;
  skipDirs?: string;
  db?: string;
  offline?: boolean;
  dbMaxAge?: string;
  dbMaxAgeFail?: boolean;
  includeLockfiles?: boolean;
  licenseDeny?: string;
  licensePolicy?: string;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** The report and gate flags every scanning verb shares (image, rootfs, fs, config, sbom-scan, …). */
export function addReportOptions(cmd: Command, opts: { format?: string } = {}): Command {
  return cmd
    .addOption(
      new Option('-f, --format <format>', `output format: ${formats().join(', ')}`).default(
        opts.format ?? 'table',
      ),
    )
    .option(
      '-o, --output <FILE|FMT=FILE>',
      'write the --format report to FILE, or a FMT report to FILE (repeatable: -o sarif=r.sarif -o html=r.html)',
      collect,
    )
    .option('--template <file>', 'Liquid template for --format template (or template=FILE outputs)')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option(
      '-s, --severity <list>',
      'report only these severities: a list (CRITICAL,HIGH) or a minimum (high+)',
    )
    .option('--ignorefile <file>', `ignore file (YAML; default ./${IGNORE_FILE} when present)`)
    .option('--vex <file>', 'OpenVEX or CycloneDX VEX document to apply (repeatable)', collect)
    .option(
      '--fail-on <policy>',
      'fail (exit 1, or --exit-code) when a finding matches: e.g. critical, kev, fixable-high, secret (see docs/ci.md)',
    )
    .option(
      '--exit-code <code>',
      'exit code when --fail-on matches; without --fail-on, when any finding remains (default 0)',
    );
}

export function addCommonScanOptions(
  cmd: Command,
  opts: { cache?: boolean; scanners?: readonly Scanner[]; lockfiles?: boolean; format?: string } = {},
): Command {
  addReportOptions(cmd, opts)
    .option(
      '--scanners <list>',
      `comma-separated scanners besides packages: ${SCANNERS.join(',')} (or "none")`,
      (opts.scanners ?? DEFAULT_SCANNERS).join(','),
    )
    .option('--list-packages', 'list every package in the table output')
    .option('--list-files', "include each OS package's file list in the JSON output")
    .option(
      '--license-deny <list>',
      'with --scanners license: comma-separated SPDX ids or globs to deny (default AGPL-*,SSPL-*,CC-BY-NC-*,Commons-Clause,BUSL-*)',
    )
    .option(
      '--license-policy <file>',
      'with --scanners license: YAML/JSON file with `deny:` list and `severity:`',
    );
  addThreatOptions(cmd);
  if (opts.lockfiles !== false)
    cmd.option(
      '--include-lockfiles',
      'also read lockfiles and manifests (package-lock.json, poetry.lock, go.mod, pom.xml, …), as an fs scan does',
    );
  addDbOptions(cmd);
  if (opts.cache !== false)
    cmd
      .option('--cache-dir <dir>', 'layer cache directory (default ~/.cache/palisade)')
      .option('--no-cache', 'do not read or write the layer cache');
  return cmd;
}

export function parseScanners(s: string | undefined): Scanner[] {
  if (s === undefined) return [...DEFAULT_SCANNERS];
  if (s.trim() === '' || s.trim() === 'none') return [];
  const out: Scanner[] = [];
  for (const part of s.split(',').map((x) => x.trim().toLowerCase())) {
    if (!part) continue;
    if (!(SCANNERS as readonly string[]).includes(part))
      throw new PalisadeError(
        'USAGE',
        `--scanners: unknown scanner ${JSON.stringify(part)}; choose from ${SCANNERS.join(', ')}`,
      );
    out.push(part as Scanner);
  }
  return out;
}

/** `CRITICAL,HIGH` keeps exactly those (as Trivy); `high+` keeps high and above. */
export function parseSeverities(s: string | undefined): Set<Severity> | undefined {
  if (!s) return undefined;
  const out = new Set<Severity>();
  for (let part of s.split(',').map((x) => x.trim().toLowerCase())) {
    if (!part) continue;
    const andAbove = part.endsWith('+');
    if (andAbove) part = part.slice(0, -1);
    if (!(SEVERITIES as readonly string[]).includes(part))
      throw new PalisadeError(
        'USAGE',
        `--severity: unknown severity ${JSON.stringify(part)}; choose from ${SEVERITIES.join(', ')} (a list, or one with "+" for it and above)`,
      );
    if (andAbove)
      for (const x of SEVERITIES) if (severityRank(x) >= severityRank(part as Severity)) out.add(x);
    out.add(part as Severity);
  }
  return out;
}

/** A one-line progress display on a TTY stderr; silent otherwise. */
export function progressReporter(
  io: CliIO,
  quiet: boolean | undefined,
): { onProgress?: (e: ProgressEvent) => void; done(): void } {
  if (quiet || !io.stderr.isTTY) return { done() {} };
  const done = new Set<number>();
  let total = 0;
  let cached = 0;
  let last = '';
  const bytes = new Map<number, number>();
  const draw = (text: string) => {
    if (text === last) return;
    last = text;
    io.stderr.write(`\r\x1b[2K${text}`);
  };
  return {
    onProgress(e) {
      switch (e.phase) {
        case 'resolve':
          draw(`resolving ${e.name}…`);
          break;
        case 'layer-start':
          total = e.total;
          break;
        case 'layer-progress':
          bytes.set(e.index, e.bytes);
          break;
        case 'layer-done':
          done.add(e.index);
          if (e.cached) cached++;
          break;
        case 'stage':
          draw(`${e.name}…`);
          return;
        case 'walk':
          draw(`walking: ${e.entries} entries`);
          return;
      }
      if (total) {
        const mb = [...bytes.values()].reduce((a, b) => a + b, 0) / 1e6;
        draw(`layers ${done.size}/${total} (${cached} cached), ${mb.toFixed(0)} MB read`);
      }
    },
    done() {
      if (last) io.stderr.write('\r\x1b[2K');
    },
  };
}

/** --skip-dirs "a/,/b" → ['a', 'b'] (relative to the scanned root) */
export function parseSkipDirs(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim().replace(/^\/+|\/+$/g, ''))
    .filter(Boolean);
}

export async function scanOptionsFrom(flags: CommonScanFlags, io: CliIO): Promise<ScanOptions> {
  const o: ScanOptions = { scanners: parseScanners(flags.scanners), env: io.env };
  if (flags.cacheDir) o.cacheDir = resolve(io.cwd, flags.cacheDir);
  if (flags.cache === false) o.noCache = true;
  if (flags.includeLockfiles) o.includeLockfiles = true;
  if (flags.licensePolicy) {
    const file = resolve(io.cwd, flags.licensePolicy);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new PalisadeError('USAGE', `--license-policy ${flags.licensePolicy}: ${errorMessage(e)}`);
    }
    const { parseLicensePolicy } = await import('../evaluate/license/deny.js');
    o.license = await parseLicensePolicy(text, flags.licensePolicy);
  }
  if (flags.licenseDeny !== undefined) {
    const deny = flags.licenseDeny
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const { checkDenyList } = await import('../evaluate/license/deny.js');
    try {
      checkDenyList(deny);
    } catch (e) {
      throw new PalisadeError('USAGE', `--license-deny: ${errorMessage(e)}`);
    }
    o.license = { ...(o.license ?? {}), deny };
  }
  if (flags.dbMaxAgeFail && !flags.dbMaxAge)
    throw new PalisadeError('USAGE', '--db-max-age-fail needs --db-max-age');
  // --ignore-unfixed applies after the ignore file and VEX (emitReport), not in the matcher: a team's
  // VEX statement about an unfixed vulnerability stays visible in suppressed[]
  if (flags.db || flags.dbMaxAge || flags.offline)
    o.db = {
      ...(flags.db ? { path: resolve(io.cwd, flags.db) } : {}),
      ...(flags.dbMaxAge ? { maxAgeMs: parseDuration(flags.dbMaxAge) } : {}),
      ...(flags.dbMaxAgeFail ? { maxAgeFail: true } : {}),
      ...(flags.offline ? { offline: true } : {}),
    };
  if (flags.skipDirs) o.skipDirs = parseSkipDirs(flags.skipDirs);
  return o;
}

/** The first warnings of a report on stderr (the JSON report has them all). */
export function printWarnings(report: Report, io: CliIO): void {
  const shown = report.warnings.slice(0, 20);
  for (const w of shown) io.stderr.write(`warning: ${w.message}\n`);
  if (report.warnings.length > shown.length)
    io.stderr.write(`warning: … and ${report.warnings.length - shown.length} more (see the JSON report)\n`);
}

export interface OutputTarget {
  format: string;
  /** undefined: stdout */
  file?: string;
}

/** `-o FILE` and `-o FMT=FILE` values → outputs; the --format report goes to stdout unless `-o FILE`. */
export function parseOutputs(format: string, output: string | readonly string[] | undefined): OutputTarget[] {
  const known = new Set(formats());
  const outputs = typeof output === 'string' ? [output] : (output ?? []);
  const extra: OutputTarget[] = [];
  let main: OutputTarget = { format };
  let plain = 0;
  for (const o of outputs) {
    const m = /^([a-z]+)=(.*)$/.exec(o);
    if (m && known.has(m[1]!)) {
      if (!m[2]) throw new PalisadeError('USAGE', `--output ${o}: no file name after "${m[1]}="`);
      extra.push({ format: m[1]!, ...(m[2] === '-' ? {} : { file: m[2] }) });
      continue;
    }
    if (m && /^[a-z]+$/.test(m[1]!) && !o.includes('/'))
      throw new PalisadeError(
        'USAGE',
        `--output ${o}: unknown format "${m[1]}"; choose one of ${[...known].join(', ')}`,
      );
    if (++plain > 1)
      throw new PalisadeError('USAGE', `--output: more than one plain FILE; use FMT=FILE for the others`);
    main = { format, ...(o === '-' ? {} : { file: o }) };
  }
  if (!known.has(format))
    throw new PalisadeError(
      'USAGE',
      `--format ${format}: unknown format; choose one of ${[...known].join(', ')}`,
    );
  const extraStdout = extra.filter((t) => t.file === undefined);
  if (extraStdout.length > 1)
    throw new PalisadeError('USAGE', '--output: only one report can go to stdout (FMT=-)');
  // `-o sarif=-` takes stdout from the --format report
  const all = extraStdout.length && main.file === undefined ? extra : [main, ...extra];
  const files = all.filter((t) => t.file !== undefined).map((t) => t.file!);
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup) throw new PalisadeError('USAGE', `--output: ${dup} is named twice`);
  return all;
}

/** The ignore file and VEX documents of the flags, as suppressors; their warnings go to `warnings`. */
export async function suppressorsFrom(
  flags: Pick<CommonScanFlags, 'ignorefile' | 'vex'>,
  io: CliIO,
  artifact: Report['artifact'],
  warnings: Warning[],
  now?: Date,
): Promise<Suppressor[]> {
  const out: Suppressor[] = [];
  let ignorePath = flags.ignorefile ? resolve(io.cwd, flags.ignorefile) : resolve(io.cwd, IGNORE_FILE);
  if (!flags.ignorefile && !existsSync(ignorePath)) ignorePath = '';
  // the ignore-file (YAML) and VEX readers load only when there is something to read
  if (ignorePath) {
    const { ignoreFileSuppressor, loadIgnoreFile } = await import('../match/ignore-file.js');
    const file = await loadIgnoreFile(ignorePath, flags.ignorefile ?? IGNORE_FILE);
    out.push(ignoreFileSuppressor(file, { warnings, now }));
  }
  if (flags.vex?.length) {
    const { loadVex, vexSuppressor } = await import('../match/vex.js');
    const docs = [];
    for (const v of flags.vex) {
      const doc = await loadVex(resolve(io.cwd, v));
      warnings.push(
        ...doc.warnings.map((w) => ({ ...w, message: w.message.replace(resolve(io.cwd, v), v) })),
      );
      docs.push({
        ...doc,
        statements: doc.statements.map((st) => ({ ...st, source: st.source.replace(resolve(io.cwd, v), v) })),
      });
    }
    out.push(vexSuppressor(docs, artifact));
  }
  return out;
}

/**
 * Suppress (ignore file, VEX), filter (--ignore-unfixed, --severity), render every output, print
 * warnings, and return the exit code of the gate (--fail-on / --exit-code).
 */
export async function emitReport(report: Report, flags: CommonScanFlags, io: CliIO): Promise<number> {
  const targets = parseOutputs(flags.format, flags.output);
  const sev = parseSeverities(flags.severity);
  const policy = flags.failOn ? parseFailOn(flags.failOn) : undefined;
  let exitCode: number | undefined;
  if (flags.exitCode !== undefined) {
    exitCode = Number(flags.exitCode);
    if (!/^\d+$/.test(flags.exitCode) || exitCode > 255)
      throw new PalisadeError('USAGE', `--exit-code ${flags.exitCode}: expected 0-255`);
  }
  let template: string | undefined;
  if (targets.some((t) => t.format === 'template')) {
    if (!flags.template) throw new PalisadeError('USAGE', '--format template needs --template FILE');
    try {
      template = await readFile(resolve(io.cwd, flags.template), 'utf8');
    } catch (e) {
      throw new PalisadeError(
        'USAGE',
        `--template ${flags.template}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(e)}`,
      );
    }
  }
  const warnings: Warning[] = [];
  applySuppressors(report, await suppressorsFrom(flags, io, report.artifact, warnings));
  report.warnings.push(...warnings);
  if (flags.ignoreUnfixed) report.findings = dropUnfixed(report.findings);
  if (sev) report.findings = report.findings.filter((f) => sev.has(f.severity));
  for (const t of targets) {
    const writer = await writerFor(t.format);
    const toFile = t.file !== undefined;
    const out = writer.render(report, {
      width: !toFile && io.stdout.isTTY ? (io.stdout.columns ?? 120) : 160,
      color: !toFile && !!io.stdout.isTTY && !io.env.NO_COLOR,
      listPackages: flags.listPackages,
      listFiles: flags.listFiles,
      ...(template !== undefined ? { template, templateName: flags.template } : {}),
    });
    if (toFile) {
      try {
        await writeFile(resolve(io.cwd, t.file!), out);
      } catch (e) {
        throw new PalisadeError('USAGE', `--output ${t.file}: ${errorMessage(e)}`);
      }
    } else io.stdout.write(out);
  }
  if (!flags.quiet) printWarnings(report, io);
  if (policy) {
    const failed = gateFailures(policy, report.findings);
    if (!failed.length) return EXIT.OK;
    if (!flags.quiet) {
      const ids = [...new Set(failed.map((x) => x.finding.id))];
      io.stderr.write(
        `palisade: --fail-on ${policy.text}: ${failed.length} finding${failed.length === 1 ? ' fails' : 's fail'} the gate (${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', …' : ''})\n`,
      );
    }
    return exitCode ?? EXIT.GATE;
  }
  if (exitCode !== undefined && report.findings.length > 0) return exitCode;
  return EXIT.OK;
}

/** The database flags every scanning command takes; see openDatabase (src/vulndb/location.ts) for what they
 * do. Kept here, not beside `palisade db`, so scans do not load the database tooling to parse flags. */
export function addDbOptions(cmd: Command): Command {
  return cmd
    .option(
      '--db <file>',
      'vulnerability database file (default: the local database, else the embedded snapshot)',
    )
    .option('--offline', 'never touch the network')
    .option('--db-max-age <duration>', 'warn when the database is older than this (e.g. 7d, 24h)')
    .option('--db-max-age-fail', 'fail instead of warning when the database is older than --db-max-age')
    .option('--ignore-unfixed', 'hide vulnerabilities that have no fix');
}

/**
 * The action of a scanning verb: progress on stderr while `scan` runs with the options the flags give
 * (plus `extra`), then the report is written and the gate decides the exit code.
 */
export async function runScanVerb(
  flags: CommonScanFlags,
  ctx: CommandContext,
  scan: (opts: ScanOptions) => Promise<Report>,
  extra: Partial<ScanOptions> = {},
): Promise<void> {
  const progress = progressReporter(ctx.io, flags.quiet);
  let report: Report;
  try {
    const opts = await withThreatOptions(await scanOptionsFrom(flags, ctx.io), flags, ctx.io);
    report = await scan({ ...opts, ...extra, onProgress: progress.onProgress });
  } finally {
    progress.done();
  }
  ctx.setExit(await emitReport(report, flags, ctx.io));
}
