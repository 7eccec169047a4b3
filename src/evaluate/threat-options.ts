// Turns the secret/malware command-line flags into the analyzer options the secret, malware and
// risky-files analyzers read. Loading is done once, up front, so that a bad rule file fails the scan
// with one clear line before any layer is read, and so that each analyzer's configKey (the layer-cache
// key) is the content of the rules, not their path. The rule engines are imported only when their
// scanner is on, so a packages-only scan does not load them.
import { resolve } from 'node:path';
import { PalisadeError } from '../core/errors.js';
import type { MalwareScanOptions } from './malware/analyzer.js';
import type { RiskyFilesOptions } from './malware/risky-files.js';
import type { SecretScanOptions } from './secrets/analyzer.js';

export interface ThreatFlags {
  /** --secret-config FILE (YAML: rules, disable, allowlist) */
  secretConfig?: string;
  /** --secret-max-size SIZE (bytes, or with a KB/MB/GB suffix) */
  secretMaxSize?: string;
  /** --yara-rules DIR */
  yaraRules?: string;
  /** --malware-hashes FILE (repeatable) */
  malwareHashes?: string[];
  /** --malware-all-files */
  malwareAllFiles?: boolean;
  /** --malware-max-size SIZE */
  malwareMaxSize?: string;
  /** --base-layers N: layers of the base image (setuid files there are not reported) */
  baseLayers?: string;
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1 << 20,
  mb: 1 << 20,
  mib: 1 << 20,
  g: 1 << 30,
  gb: 1 << 30,
  gib: 1 << 30,
};

export function parseSize(s: string, flag: string): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)\s*$/i.exec(s);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new PalisadeError('USAGE', `${flag} ${s}: expected a size such as 10485760, 512KB or 10MB`);
  const n = Math.round(Number(m[1]) * unit);
  if (n <= 0 || n > 4 * 1024 ** 3)
    throw new PalisadeError('USAGE', `${flag} ${s}: must be between 1 byte and 4 GiB`);
  return n;
}

/**
 * The analyzer options for the enabled scanners (`secret`, `malware`); paths are resolved against
 * `cwd`. Returns only the keys that apply.
 */
export async function threatAnalyzerOptions(
  flags: ThreatFlags,
  scanners: readonly string[],
  cwd: string,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const on = new Set(scanners);
  if (!on.has('malware') && (flags.yaraRules || flags.malwareHashes?.length || flags.malwareAllFiles))
    throw new PalisadeError(
      'USAGE',
      '--yara-rules/--malware-hashes/--malware-all-files need --scanners to include malware',
    );
  if (on.has('secret')) {
    const s: SecretScanOptions = {};
    if (flags.secretConfig) {
      const { loadSecretConfig } = await import('./secrets/config.js');
      s.config = await loadSecretConfig(resolve(cwd, flags.secretConfig));
    }
    if (flags.secretMaxSize) s.maxFileSize = parseSize(flags.secretMaxSize, '--secret-max-size');
    out.secrets = s;
  }
  if (on.has('malware')) {
    const { createMalwareEngine } = await import('./malware/engine.js');
    const m: MalwareScanOptions = {
      engine: await createMalwareEngine({
        yaraRulesDir: flags.yaraRules ? resolve(cwd, flags.yaraRules) : undefined,
        hashFiles: (flags.malwareHashes ?? []).map((f) => resolve(cwd, f)),
      }),
    };
    if (flags.malwareAllFiles) m.allFiles = true;
    if (flags.malwareMaxSize) m.maxFileSize = parseSize(flags.malwareMaxSize, '--malware-max-size');
    out.malware = m;
  }
  if (flags.baseLayers !== undefined) {
    const n = Number(flags.baseLayers);
    if (!Number.isInteger(n) || n < 0)
      throw new PalisadeError('USAGE', `--base-layers ${flags.baseLayers}: expected a whole number`);
    out.riskyFiles = { baseLayers: n } satisfies RiskyFilesOptions;
  }
  return out;
}
