// `palisade vex`: a team's triage decisions as an OpenVEX document, and a look at any VEX document.
//   palisade vex add team.vex.json --vuln CVE-2023-45853 --product pkg:deb/debian/zlib1g \
//       --status not_affected --justification vulnerable_code_not_present --impact "minizip unused"
//   palisade vex add team.vex.json --vuln CVE-2023-45853 --from-report report.json --status …
//       (products: the packages the report found affected, as subcomponents of the scanned image)
//   palisade vex show team.vex.json          (OpenVEX or CycloneDX VEX)
// Scans apply such documents with --vex FILE.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { fileReadError, PalisadeError } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import type { Report } from '../../core/types.js';
import { loadVex, VEX_STATUSES, type VexStatus } from '../../match/vex.js';
import {
  addStatement,
  newOpenVex,
  serializeOpenVex,
  type OpenVexDocument,
  type OpenVexStatementInput,
} from '../../report/openvex.js';
import { renderTable } from '../../report/text-table.js';
import { VERSION } from '../../version.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';

interface AddFlags {
  vuln: string;
  alias: string[];
  product: string[];
  subcomponent: string[];
  fromReport?: string;
  status: string;
  justification?: string;
  impact?: string;
  action?: string;
  author?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw fileReadError(path, e, what);
  }
  return parseJsonDocument(text, `${what} ${path}`);
}

/** Products from a scan report: the scanned image (when it has a digest) with the affected packages. */
function productsFromReport(report: Report, vuln: string): { products: string[]; subcomponents: string[] } {
  const all = [...report.findings, ...(report.suppressed ?? [])];
  const purls = [
    ...new Set(
      all
        .filter((f) => f.kind === 'vulnerability' && [f.id, ...(f.aliases ?? [])].includes(vuln))
        .map((f) => (f.kind === 'vulnerability' ? f.pkg.purl : '')),
    ),
  ].sort();
  if (!purls.length) throw new PalisadeError('USAGE', `--from-report: the report has no finding for ${vuln}`);
  const a = report.artifact;
  if (a.type === 'container-image' && a.digest) {
    const repo = a.name
      .replace(/[@:][^/]*$/, '')
      .split('/')
      .pop()!
      .toLowerCase();
    return {
      products: [new PackageURL('oci', undefined, repo, a.digest, undefined, undefined).toString()],
      subcomponents: purls,
    };
  }
  return { products: purls, subcomponents: [] };
}

export const vexCommand: CommandModule = {
  name: 'vex',
  register(program, { io, setExit }) {
    const vex = program
      .command('vex')
      .description('write OpenVEX documents of triage decisions (add), or list a VEX document (show)');
    vex
      .command('add')
      .description('add a statement to an OpenVEX document (created when missing)')
      .argument('<file>', 'OpenVEX document')
      .requiredOption('--vuln <id>', 'vulnerability id (CVE-…, GHSA-…)')
      .option('--alias <id>', 'another id of the same vulnerability (repeatable)', collect, [])
      .option('--product <purl>', 'product the statement is about (repeatable)', collect, [])
      .option('--subcomponent <purl>', 'package inside the products (repeatable)', collect, [])
      .option(
        '--from-report <json>',
        'take products from a JSON scan report: the packages affected by --vuln',
      )
      .requiredOption('--status <status>', VEX_STATUSES.join(' | '))
      .option('--justification <label>', 'not_affected: why (vulnerable_code_not_present, …)')
      .option('--impact <text>', 'not_affected: impact statement')
      .option('--action <text>', 'affected: what to do')
      .option('--author <name>', 'document author (new documents; default $USER)')
      .action(async (file: string, flags: AddFlags) => {
        const path = resolve(io.cwd, file);
        const now = new Date(io.env.PALISADE_NOW ?? Date.now());
        let doc: OpenVexDocument;
        if (existsSync(path)) {
          const existing = (await readJson(path, 'VEX document')) as OpenVexDocument;
          if (
            typeof existing !== 'object' ||
            !existing ||
            !String(existing['@context'] ?? '').includes('openvex')
          )
            throw new PalisadeError(
              'INPUT',
              `${file}: not an OpenVEX document (no openvex @context); not changed`,
            );
          doc = existing;
          if (!Array.isArray(doc.statements)) doc.statements = [];
          if (typeof doc.version !== 'number') doc.version = 1;
        } else doc = newOpenVex(flags.author ?? io.env.USER ?? 'unknown', now, `palisade ${VERSION}`);
        const st: OpenVexStatementInput = {
          vulnerability: flags.vuln,
          aliases: flags.alias,
          products: flags.product,
          subcomponents: flags.subcomponent,
          status: flags.status as VexStatus,
          ...(flags.justification ? { justification: flags.justification } : {}),
          ...(flags.impact ? { impact: flags.impact } : {}),
          ...(flags.action ? { action: flags.action } : {}),
        };
        if (flags.fromReport) {
          const report = (await readJson(resolve(io.cwd, flags.fromReport), '--from-report')) as Report;
          if (!report?.artifact || !Array.isArray(report.findings))
            throw new PalisadeError('INPUT', `--from-report ${flags.fromReport}: not a Palisade JSON report`);
          const p = productsFromReport(report, flags.vuln);
          st.products = [...st.products, ...p.products];
          st.subcomponents = [...(st.subcomponents ?? []), ...p.subcomponents];
        }
        addStatement(doc, st, now);
        // write then rename, so an interrupted write never leaves half a document
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, serializeOpenVex(doc));
        await rename(tmp, path);
        io.stderr.write(
          `${file}: ${doc.statements.length} statement${doc.statements.length === 1 ? '' : 's'} (version ${doc.version})\n`,
        );
        setExit(EXIT.OK);
      });
    vex
      .command('show')
      .description('list the statements of an OpenVEX or CycloneDX VEX document')
      .argument('<file>', 'VEX document')
      .action(async (file: string) => {
        const doc = await loadVex(resolve(io.cwd, file));
        const rows = doc.statements.map((s) => [
          s.vulnerability + (s.aliases.length ? ` (${s.aliases.join(', ')})` : ''),
          s.status,
          s.products
            .map((p) => p.id + (p.subcomponents.length ? ` [${p.subcomponents.join(', ')}]` : ''))
            .join('\n'),
          [s.justification, s.impact, s.action].filter(Boolean).join(': '),
          s.timestamp ?? '',
        ]);
        io.stdout.write(`${file} (${doc.format}): ${doc.statements.length} statements\n`);
        if (rows.length)
          io.stdout.write(
            `${renderTable(['Vulnerability', 'Status', 'Products', 'Why', 'Time'], rows, { width: io.stdout.columns ?? 160 })}\n`,
          );
        for (const w of doc.warnings)
          io.stderr.write(`warning: ${w.message.replace(resolve(io.cwd, file), file)}\n`);
        setExit(EXIT.OK);
      });
  },
};
