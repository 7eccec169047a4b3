// Builds (or adds to) a vulnerability database from advisory sources: each source is a directory, an
// archive or a file; every file in it is offered to the importers and the first that accepts it parses
// it. One source is one transaction: re-importing a source replaces what it stored before.
import { basename } from 'node:path';
import type { Warning } from '../core/types.js';
import { importers, type ImportContext, type Importer } from './importers/index.js';
import { walkSource } from './files.js';
import type { VulnStore } from './store.js';

export interface SourceSpec {
  /** path to a directory, .zip, .tar.gz, .gz or file */
  path: string;
  /** name it is recorded under; default: the file name without extensions */
  name?: string;
  /** the upstream snapshot date when the data does not say (ISO date) */
  date?: string;
  /** where it came from (URL), for `db status` */
  origin?: string;
}

export interface SourceResult {
  name: string;
  formats: string[];
  files: number;
  records: number;
  skipped: number;
  snapshotDate?: string;
}

export interface BuildOptions {
  /** leave out summaries and details (the embedded snapshot) */
  factsOnly?: boolean;
  /** at most this many skip warnings are kept per source (all are counted) */
  maxWarnings?: number;
}

export function sourceName(path: string): string {
  return basename(path)
    .replace(/\.(zip|tar\.gz|tgz|tar|gz)$/i, '')
    .replace(/\.(json|ya?ml)$/i, '');
}

const HEAD_BYTES = 512;

export async function importSource(
  store: VulnStore,
  spec: SourceSpec,
  opts: BuildOptions = {},
  warnings: Warning[] = [],
): Promise<SourceResult> {
  const name = spec.name ?? sourceName(spec.path);
  const maxWarnings = opts.maxWarnings ?? 20;
  let records = 0;
  let skipped = 0;
  let files = 0;
  let latest: string | undefined;
  const formats = new Set<string>();
  const attribution = new Map<string, Importer['attribution']>();
  const skip = (where: string, why: string) => {
    skipped++;
    if (skipped <= maxWarnings)
      warnings.push({ code: 'DB_RECORD_SKIPPED', message: `${name}: ${where}: ${why}` });
  };
  const ctx: ImportContext = {
    source: name,
    advisory(a) {
      records++;
      store.insertAdvisory(a, { factsOnly: opts.factsOnly ?? false });
    },
    kev(k) {
      records++;
      store.insertKev(k);
    },
    debBinary(b) {
      records++;
      store.insertDebBinary(b);
    },
    skip,
    date(d) {
      if (!d) return;
      const iso = d.slice(0, 10);
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && (!latest || iso > latest)) latest = iso;
    },
  };
  store.db.exec('BEGIN');
  try {
    store.clearSource(name);
    for await (const f of walkSource(spec.path, { warn: (m) => skip(spec.path, m) })) {
      const data = await f.read();
      const head = data.subarray(0, HEAD_BYTES).toString('utf8');
      const imp = importers.find((i) => i.accepts(f.path, head));
      if (!imp) continue;
      files++;
      formats.add(imp.format);
      attribution.set(imp.format, imp.attribution);
      if (imp.format === 'cisa-kev') store.clearKev();
      imp.parse(f.path, data, ctx);
    }
    const snapshotDate = spec.date ?? latest;
    const att = [...attribution.values()];
    store.recordSource(
      {
        name,
        format: [...formats].join(',') || 'none',
        ...(spec.origin ? { origin: spec.origin } : {}),
        ...(snapshotDate ? { snapshotDate } : {}),
        license: att.map((a) => a.license).join('; '),
        attribution: att.map((a) => a.text).join(' '),
      },
      records,
      skipped,
    );
    store.db.exec('COMMIT');
    if (files === 0)
      warnings.push({
        code: 'DB_SOURCE_EMPTY',
        message: `${name}: no file in ${spec.path} is in a known advisory format`,
      });
    if (skipped > maxWarnings)
      warnings.push({
        code: 'DB_RECORD_SKIPPED',
        message: `${name}: ${skipped - maxWarnings} more records skipped`,
      });
    return {
      name,
      formats: [...formats],
      files,
      records,
      skipped,
      ...(snapshotDate ? { snapshotDate } : {}),
    };
  } catch (e) {
    store.db.exec('ROLLBACK');
    throw e;
  }
}
