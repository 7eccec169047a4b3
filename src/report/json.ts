import type { Report } from '../core/types.js';
import type { ReportWriter } from './writer.js';

/** The documented report (schema/report.schema.json). Package file lists only with `listFiles`. */
export const jsonWriter: ReportWriter = {
  format: 'json',
  render(report: Report, opts) {
    const out = opts.listFiles
      ? report
      : { ...report, packages: report.packages.map(({ files: _files, ...p }) => p) };
    return JSON.stringify(out, null, 2) + '\n';
  },
};
