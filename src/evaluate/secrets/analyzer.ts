// The secret file analyzer: every regular text file of every layer (hidden ones too — a secret deleted
// by a later layer is still in the image), through the secret engine.
import { createHash } from 'node:crypto';
import type { Analyzer, AnalysisResult } from '../../catalog/analyzer.js';
import type { SecretFinding, Warning } from '../../core/types.js';
import { placeFindings } from '../place-findings.js';
import type { SecretConfig } from './config.js';
import type { SecretEngine, SecretMatch } from './engine.js';

/** Scan options this analyzer reads (the `secrets` key of the analyzer options). */
export interface SecretScanOptions {
  /** parsed --secret-config */
  config?: SecretConfig;
  /** --secret-max-size, bytes (default 10 MiB) */
  maxFileSize?: number;
}

/** Files that are never text: media, fonts, compressed data, compiled objects. */
const SKIP_EXT =
  /\.(?:png|jpe?g|gif|ico|webp|bmp|tiff?|avif|woff2?|ttf|otf|eot|gz|tgz|bz2|xz|zst|lz4|zip|jar|war|ear|whl|egg|7z|rar|tar|deb|rpm|apk|so(?:\.[0-9.]+)?|a|o|ko|pyc|pyo|class|mo|gmo|dll|exe|wasm|node|sqlite3?|db|mp[34]|ogg|wav|flac|pdf|cache)$/i;
const SKIP_DIRS =
  /^(?:usr\/share\/(?:zoneinfo|locale|i18n|mime|icons|fonts|man)|usr\/lib\/locale|proc|sys|dev)\//;

export function secretOptions(options: Readonly<Record<string, unknown>>): SecretScanOptions {
  const o = options.secrets;
  return typeof o === 'object' && o !== null ? (o as SecretScanOptions) : {};
}

const engines = new Map<string, SecretEngine>();

function optionsKey(o: SecretScanOptions): string {
  if (!o.config && o.maxFileSize === undefined) return 'default';
  return createHash('sha256')
    .update(JSON.stringify({ c: o.config ?? null, m: o.maxFileSize ?? null }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The engine for these options, compiled once per distinct configuration. The engine's module (and its
 * regex library) is imported on first use: scans whose layers are all cached never load it.
 */
export async function secretEngineFor(options: Readonly<Record<string, unknown>>): Promise<SecretEngine> {
  const o = secretOptions(options);
  const key = optionsKey(o);
  let e = engines.get(key);
  if (!e) {
    const { buildSecretEngine } = await import('./config.js');
    e = buildSecretEngine(o.config, o.maxFileSize !== undefined ? { maxFileSize: o.maxFileSize } : {});
    if (engines.size > 16) engines.clear();
    engines.set(key, e);
  }
  return e;
}

export function secretFinding(m: SecretMatch, path: string): SecretFinding {
  const f: SecretFinding = {
    kind: 'secret',
    id: m.ruleId,
    title: m.title,
    severity: m.severity,
    severitySource: 'rule',
    category: m.category,
    match: m.redacted,
    location: { path, line: m.line, column: m.column },
  };
  if (m.example) f.example = true;
  return f;
}

export const secretAnalyzer = {
  id: 'secrets',
  scanner: 'secret',
  version: 1,
  keepHidden: true,
  // the real cap is the engine's (options); this only bounds what the walk may hand over
  maxSize: 1024 * 1024 * 1024,
  configKey: (options) => optionsKey(secretOptions(options)),
  required: (path, info) =>
    info.type === 'file' && info.size > 0 && !SKIP_EXT.test(path) && !SKIP_DIRS.test(path),
  async analyze({ path, info, read, ctx }): Promise<AnalysisResult | undefined> {
    const engine = await secretEngineFor(ctx.options);
    if (info.size > engine.maxFileSize) {
      return {
        warnings: [
          {
            code: 'SECRET_SCAN_SKIPPED',
            message: `secret scan skipped ${path}: ${info.size} bytes is over the ${engine.maxFileSize}-byte limit (--secret-max-size)`,
            location: { path },
          },
        ],
      };
    }
    const r = engine.scan(await read(), { path });
    const warnings: Warning[] = r.notes.map((message) => ({
      code: 'SECRET_SCAN_LIMIT',
      message,
      location: { path },
    }));
    if (r.matches.length === 0 && warnings.length === 0) return undefined;
    return { findings: r.matches.map((m) => secretFinding(m, path)), warnings };
  },
  finalize: (results) => placeFindings(results),
} as const satisfies Analyzer;
