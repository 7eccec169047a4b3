// `palisade convert REPORT.json`: re-render a saved Palisade JSON report in any format, with the ignore
// file, VEX, severity filter and gates of the scans (as `trivy convert` does for Trivy's JSON). A CI job
// scans once and renders SARIF, HTML and a PR comment later, without the image.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage, PalisadeError } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../../core/types.js';
import type { CommandModule } from '../command.js';
import { addReportOptions, emitReport, type CommonScanFlags } from '../scan-common.js';

/** Reads a report written by `--format json`; a document of another major schema version is refused. */
export async function readJsonReport(file: string, cwd: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PalisadeError('USAGE', `${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(e)}`);
  }
  const r = parseJsonDocument(text, file, 'a Palisade JSON report (--format json)') as Partial<Report> | null;
  if (typeof r !== 'object' || r === null || typeof r.schemaVersion !== 'string')
    throw new PalisadeError('INPUT', `${file}: not a Palisade JSON report (no schemaVersion)`);
  const major = (v: string) => v.split('.')[0];
  if (major(r.schemaVersion) !== major(REPORT_SCHEMA_VERSION))
    throw new PalisadeError(
      'INPUT',
      `${file}: report schema ${r.schemaVersion}, this palisade reads ${major(REPORT_SCHEMA_VERSION)}.x`,
    );
  for (const k of ['packages', 'findings', 'warnings'] as const)
    if (!Array.isArray(r[k])) throw new PalisadeError('INPUT', `${file}: "${k}" is not a list`);
  if (typeof r.artifact !== 'object' || r.artifact === null)
    throw new PalisadeError('INPUT', `${file}: no "artifact"`);
  return r as Report;
}

export const convertCommand: CommandModule = {
  name: 'convert',
  register(program, { io, setExit }) {
    const cmd = program
      .command('convert')
      .description(
        'render a saved JSON report (--format json) in other formats, with ignore file, VEX and gates',
      )
      .argument('<report>', 'Palisade JSON report');
    addReportOptions(cmd)
      .option('--ignore-unfixed', 'hide vulnerabilities that have no fix')
      .option('--list-packages', 'list every package in the table output')
      .action(async (file: string, flags: CommonScanFlags) => {
        setExit(await emitReport(await readJsonReport(file, io.cwd), flags, io));
      });
  },
};
