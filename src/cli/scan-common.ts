// Options and output shared by the scanning verbs (image, rootfs, fs, …).
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { SCANNERS, type Scanner } from '../catalog/analyzer.js';
import { errorMessage, PalisadeError } from '../core/errors.js';
import { SEVERITIES, type Report, type Severity } from '../core/types.js';
import { checkDenyList, parseLicensePolicy } from '../evaluate/license/deny.js';
import { formats, writerFor } from '../report/index.js';
import { DEFAULT_SCANNERS, type ProgressEvent, type ScanOptions } from '../scan/options.js';
import type { ThreatFlags } from '../evaluate/threat-options.js';
import { parseDuration } from '../core/duration.js';
import type { CliIO } from './io.js';
import { EXIT } from './io.js';
import { addThreatOptions } from './threat-flags.js';

export interface CommonScanFlags extends ThreatFlags {
  format: string;
  output?: string;
  quiet?: boolean;
  scanners?: string;
  severity?: string;
  exitCode?: string;
  cacheDir?: string;
  cache?: boolean;
  listPackages?: boolean;
  listFiles?: boolean;
  skipDirs?: string;
  db?: string;
  offline?: boolean;
  dbMaxAge?: string;
  dbMaxAgeFail?: boolean;
  ignoreUnfixed?: boolean;
  includeLockfiles?: boolean;
  licenseDeny?: string;
  licensePolicy?: string;
}

export function addCommonScanOptions(
  cmd: Command,
  opts: { cache?: boolean; scanners?: readonly Scanner[]; lockfiles?: boolean; format?: string } = {},
): Command {
  cmd
    .addOption(
      new Option('-f, --format <format>', `output format: ${formats().join(', ')}`).default(
        opts.format ?? 'table',
      ),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option(
      '--scanners <list>',
      `comma-separated scanners besides packages: ${SCANNERS.join(',')} (or "none")`,
      (opts.scanners ?? DEFAULT_SCANNERS).join(','),
    )
    .option('-s, --severity <list>', 'report only findings of these severities (e.g. CRITICAL,HIGH)')
    .option('--exit-code <code>', 'exit with this code when findings remain after --severity (default 0)')
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

export function parseSeverities(s: string | undefined): Set<Severity> | undefined {
  if (!s) return undefined;
  const out = new Set<Severity>();
  for (const part of s.split(',').map((x) => x.trim().toLowerCase())) {
    if (!part) continue;
    if (!(SEVERITIES as readonly string[]).includes(part))
      throw new PalisadeError(
        'USAGE',
        `--severity: unknown severity ${JSON.stringify(part)}; choose from ${SEVERITIES.join(', ')}`,
      );
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
    o.license = await parseLicensePolicy(text, flags.licensePolicy);
  }
  if (flags.licenseDeny !== undefined) {
    const deny = flags.licenseDeny
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      checkDenyList(deny);
    } catch (e) {
      throw new PalisadeError('USAGE', `--license-deny: ${errorMessage(e)}`);
    }
    o.license = { ...(o.license ?? {}), deny };
  }
  if (flags.dbMaxAgeFail && !flags.dbMaxAge)
    throw new PalisadeError('USAGE', '--db-max-age-fail needs --db-max-age');
  if (flags.db || flags.dbMaxAge || flags.ignoreUnfixed || flags.offline)
    o.db = {
      ...(flags.db ? { path: resolve(io.cwd, flags.db) } : {}),
      ...(flags.dbMaxAge ? { maxAgeMs: parseDuration(flags.dbMaxAge) } : {}),
      ...(flags.dbMaxAgeFail ? { maxAgeFail: true } : {}),
      ...(flags.ignoreUnfixed ? { ignoreUnfixed: true } : {}),
      ...(flags.offline ? { offline: true } : {}),
    };
  if (flags.skipDirs)
    o.skipDirs = flags.skipDirs
      .split(',')
      .map((s) => s.trim().replace(/^\/+|\/+$/g, ''))
      .filter(Boolean);
  return o;
}

/** The first warnings of a report on stderr (the JSON report has them all). */
export function printWarnings(report: Report, io: CliIO): void {
  const shown = report.warnings.slice(0, 20);
  for (const w of shown) io.stderr.write(`warning: ${w.message}\n`);
  if (report.warnings.length > shown.length)
    io.stderr.write(`warning: … and ${report.warnings.length - shown.length} more (see the JSON report)\n`);
}

/**
 * Filter by --severity, render, write, print warnings; returns the exit code for the gate.
 */
export async function emitReport(report: Report, flags: CommonScanFlags, io: CliIO): Promise<number> {
  const sev = parseSeverities(flags.severity);
  if (sev) report.findings = report.findings.filter((f) => sev.has(f.severity));
  const writer = await writerFor(flags.format);
  const toFile = flags.output !== undefined;
  const out = writer.render(report, {
    width: !toFile && io.stdout.isTTY ? (io.stdout.columns ?? 120) : 160,
    color: !toFile && !!io.stdout.isTTY && !io.env.NO_COLOR,
    listPackages: flags.listPackages,
    listFiles: flags.listFiles,
  });
  if (toFile) await writeFile(resolve(io.cwd, flags.output!), out);
  else io.stdout.write(out);
  if (!flags.quiet) printWarnings(report, io);
  if (flags.exitCode !== undefined) {
    const code = Number(flags.exitCode);
    if (!Number.isInteger(code) || code < 0 || code > 255)
      throw new PalisadeError('USAGE', `--exit-code ${flags.exitCode}: expected 0-255`);
    if (report.findings.length > 0) return code;
  }
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
