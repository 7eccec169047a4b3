// `palisade db build|update|import|status|publish`: manage the local vulnerability database.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PalisadeError } from '../../core/errors.js';
import type { Warning } from '../../core/types.js';
import { importSource, type SourceResult } from '../../vulndb/build.js';
import { parseDuration } from '../../core/duration.js';
import { defaultDbPath, openDatabase } from '../../vulndb/location.js';
import { VulnStore } from '../../vulndb/store.js';
import { BUNDLE_DB, BUNDLE_META, importBundleFile, writeBundle } from '../../vulndb/update/bundle.js';
import { defaultFeeds, importFeeds } from '../../vulndb/update/feeds.js';
import { pushArtifact } from '../../vulndb/update/oci.js';
import { updateFromSource } from '../../vulndb/update/update.js';
import type { CommandContext, CommandModule } from '../command.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function target(opts: { db?: string }, ctx: CommandContext): string {
  return opts.db ?? defaultDbPath(ctx.io.env);
}

function printWarnings(ctx: CommandContext, warnings: Warning[]): void {
  for (const w of warnings) ctx.io.stderr.write(`warning: ${w.message}\n`);
}

function printResults(ctx: CommandContext, results: SourceResult[]): void {
  for (const r of results)
    ctx.io.stdout.write(
      `${r.name}: ${r.records} records from ${r.files} files (${r.formats.join(', ') || 'no known format'})` +
        `${r.skipped ? `, ${r.skipped} skipped` : ''}${r.snapshotDate ? `, snapshot ${r.snapshotDate}` : ''}\n`,
    );
}

/** Builds into a temporary file beside the target and renames it into place when complete. */
async function buildInto(
  out: string,
  fill: (store: VulnStore) => Promise<void>,
  factsOnly: boolean,
): Promise<void> {
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${randomBytes(6).toString('hex')}.tmp`;
  const store = VulnStore.create(tmp);
  try {
    await fill(store);
    store.finish({ factsOnly });
    store.close();
    renameSync(tmp, out);
  } catch (e) {
    try {
      store.close();
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}

export const dbCommand: CommandModule = {
  name: 'db',
  register(program, ctx) {
    const db = program.command('db').description('manage the vulnerability database');

    db.command('build')
      .description(
        'build the database from advisory sources (directories, .zip, .tar.gz, files or https:// URLs)',
      )
      .requiredOption('-s, --source <path|url>', 'an advisory source; repeat for more', collect)
      .option('-o, --output <file>', 'database file to write (default: the local database)')
      .option('--facts-only', 'leave out advisory prose (summaries, details), as the embedded snapshot does')
      .option(
        '--bundle <dir>',
        `also write a publishable bundle (${BUNDLE_DB} + ${BUNDLE_META}) into this directory`,
      )
      .option('--offline', 'never touch the network (URL sources are an error)')
      .action(
        async (o: {
          source: string[];
          output?: string;
          factsOnly?: boolean;
          bundle?: string;
          offline?: boolean;
        }) => {
          const out = o.output ?? defaultDbPath(ctx.io.env);
          const warnings: Warning[] = [];
          const results: SourceResult[] = [];
          await buildInto(
            out,
            async (store) => {
              for (const s of o.source) {
                if (/^https?:\/\//.test(s)) {
                  if (o.offline) throw new PalisadeError('USAGE', `--source ${s}: a URL with --offline`);
                  const name = new URL(s).pathname.split('/').filter(Boolean).pop() ?? 'feed';
                  results.push(
                    ...(await importFeeds(
                      store,
                      [{ name: name.replace(/\..*$/, ''), url: s, file: name }],
                      {},
                      warnings,
                    )),
                  );
                } else {
                  results.push(
                    await importSource(store, { path: s }, { factsOnly: !!o.factsOnly }, warnings),
                  );
                }
              }
            },
            !!o.factsOnly,
          );
          printResults(ctx, results);
          printWarnings(ctx, warnings);
          ctx.io.stdout.write(`wrote ${out}\n`);
          if (o.bundle) {
            const meta = writeBundle(out, o.bundle);
            ctx.io.stdout.write(
              `bundle ${join(o.bundle, BUNDLE_META)} (${meta.size} bytes, sha256 ${meta.sha256})\n`,
            );
          }
        },
      );

    db.command('update')
      .description(
        'replace the local database with a published bundle (--from), or build it from the upstream feeds',
      )
      .option('--from <url|oci-ref>', 'https://…/metadata.json (or its directory) or oci://registry/repo:tag')
      .option('--feeds', 'build locally from the upstream feeds (OSV, Debian, Alpine, CISA KEV) instead')
      .option('--ca-file <pem>', 'extra CA certificates for HTTPS (a self-hosted mirror or registry)')
      .option('--plain-http', 'talk plain HTTP to the registry (loopback registries do by default)')
      .option('--db <file>', 'database file to replace (default: the local database)')
      .option('--offline', 'never touch the network (then update is an error)')
      .action(
        async (o: {
          from?: string;
          feeds?: boolean;
          caFile?: string;
          plainHttp?: boolean;
          db?: string;
          offline?: boolean;
        }) => {
          if (o.offline)
            throw new PalisadeError(
              'USAGE',
              'db update needs the network and --offline was given (use `db import FILE`)',
            );
          const out = target(o, ctx);
          const from = o.from ?? ctx.io.env.PALISADE_DB_REPOSITORY;
          const ca = o.caFile ? readFileSync(o.caFile) : undefined;
          if (from && !o.feeds) {
            const meta = await updateFromSource(from, {
              target: out,
              ...(ca ? { ca } : {}),
              ...(o.plainHttp ? { plainHttp: true } : {}),
            });
            ctx.io.stdout.write(
              `updated ${out} from ${from} (built ${meta.builtAt}, ${meta.sources.length} sources)\n`,
            );
            return;
          }
          const warnings: Warning[] = [];
          let results: SourceResult[] = [];
          await buildInto(
            out,
            async (store) => {
              results = await importFeeds(store, defaultFeeds(), { http: ca ? { ca } : {} }, warnings);
              if (!results.length)
                throw new PalisadeError('NETWORK', 'db update --feeds: no feed could be downloaded');
            },
            false,
          );
          printResults(ctx, results);
          printWarnings(ctx, warnings);
          ctx.io.stdout.write(`wrote ${out}\n`);
        },
      );

    db.command('import')
      .description(
        'install a database bundle from a file (air-gapped): metadata.json or its directory, .db.gz or .db',
      )
      .argument('<file>')
      .option('--db <file>', 'database file to replace (default: the local database)')
      .action((file: string, o: { db?: string }) => {
        const out = target(o, ctx);
        const r = importBundleFile(file, out);
        ctx.io.stdout.write(`imported ${file} into ${out}${r.builtAt ? ` (built ${r.builtAt})` : ''}\n`);
      });

    db.command('status')
      .description('show the database in use: sources, snapshot dates, counts, age')
      .option('--db <file>', 'database file (default: the local database, else the embedded snapshot)')
      .option('--db-max-age <duration>', 'warn when the database is older (e.g. 7d)')
      .option('--json', 'print JSON')
      .action((o: { db?: string; dbMaxAge?: string; json?: boolean }) => {
        const opened = openDatabase({
          ...(o.db ? { path: o.db } : {}),
          env: ctx.io.env,
          ...(o.dbMaxAge ? { maxAgeMs: parseDuration(o.dbMaxAge) } : {}),
        });
        const st = opened.store.status();
        opened.store.close();
        if (o.json) {
          ctx.io.stdout.write(
            `${JSON.stringify({ ...st, origin: opened.origin, warnings: opened.warnings }, null, 2)}\n`,
          );
          return;
        }
        const w = ctx.io.stdout;
        w.write(`database: ${st.path} (${opened.origin}${st.factsOnly ? ', facts only' : ''})\n`);
        w.write(`schema: ${st.schemaVersion}  built: ${st.builtAt ?? 'unknown'}\n`);
        w.write(
          `advisories: ${st.counts.advisories}  affected packages: ${st.counts.affected}  distro statuses: ${st.counts.distro}  KEV: ${st.counts.kev}\n`,
        );
        w.write('sources:\n');
        for (const s of st.sources)
          w.write(
            `  ${s.name.padEnd(36)} ${String(s.records).padStart(7)} records  snapshot ${s.snapshotDate ?? 'unknown'}  ${s.format}${s.skipped ? `  (${s.skipped} skipped)` : ''}\n`,
          );
        printWarnings(ctx, opened.warnings);
      });

    db.command('publish')
      .description(
        'publish the database as a bundle: into a directory, or as an OCI artifact (oci://registry/repo:tag)',
      )
      .argument('<destination>')
      .option('--db <file>', 'database file (default: the local database)')
      .option('--ca-file <pem>', 'extra CA certificates for the registry')
      .option('--plain-http', 'talk plain HTTP to the registry')
      .action(async (dest: string, o: { db?: string; caFile?: string; plainHttp?: boolean }) => {
        const src = target(o, ctx);
        if (!existsSync(src)) throw new PalisadeError('DB', `vulnerability database ${src}: no such file`);
        if (!dest.startsWith('oci://')) {
          const meta = writeBundle(src, dest);
          ctx.io.stdout.write(`wrote ${join(dest, BUNDLE_META)} and ${join(dest, meta.file)}\n`);
          return;
        }
        const tmp = join(dirname(src), `.publish-${randomBytes(6).toString('hex')}`);
        try {
          writeBundle(src, tmp);
          const digest = await pushArtifact(
            dest,
            { config: readFileSync(join(tmp, BUNDLE_META)), layer: readFileSync(join(tmp, BUNDLE_DB)) },
            {
              ...(o.caFile ? { ca: readFileSync(o.caFile) } : {}),
              ...(o.plainHttp ? { plainHttp: true } : {}),
            },
          );
          ctx.io.stdout.write(`pushed ${dest}@${digest}\n`);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      });
  },
};
