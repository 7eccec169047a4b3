// The secret/malware flags of the scanning verbs, and their loading into analyzer options.
import type { Command } from 'commander';
import { threatAnalyzerOptions, type ThreatFlags } from '../evaluate/threat-options.js';
import type { ScanOptions } from '../scan/options.js';
import type { CliIO } from './io.js';

export function addThreatOptions(cmd: Command): Command {
  return cmd
    .option('--secret-config <file>', 'secret rules YAML: extra rules, built-ins to disable, allowlists')
    .option('--secret-max-size <size>', 'skip files larger than this in the secret scan (default 10MB)')
    .option('--yara-rules <dir>', 'directory of .yar/.yara files to add to the built-in malware rules')
    .option(
      '--malware-hashes <file>',
      'HASH;COMMENT list of known-bad MD5/SHA1/SHA256 hashes (repeatable, .gz accepted)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--malware-all-files',
      'run the malware scan on every file, not only executables, scripts, archives, configs',
    )
    .option('--malware-max-size <size>', 'skip files larger than this in the malware scan (default 100MB)')
    .option(
      '--base-layers <n>',
      'layers that form the base image: setuid files there are not reported (default 1)',
    );
}

/** Adds the loaded secret/malware options to scan options (a bad rule file fails here, before any layer). */
export async function withThreatOptions(
  opts: ScanOptions,
  flags: ThreatFlags,
  io: CliIO,
): Promise<ScanOptions> {
  const extra = await threatAnalyzerOptions(flags, opts.scanners ?? [], io.cwd);
  return { ...opts, analyzerOptions: { ...(opts.analyzerOptions ?? {}), ...extra } };
}
