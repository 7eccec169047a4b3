import type { Report } from '../core/types.js';

export interface RenderOptions {
  /** terminal width for text formats */
  width?: number;
  color?: boolean;
  /** include each OS package's file list (json) */
  listFiles?: boolean;
  /** list every package in the table */
  listPackages?: boolean;
  /** the user template's source (`--format template`) */
  template?: string;
  /** its file name, for error messages */
  templateName?: string;
}

export interface ReportWriter {
  format: string;
  render(report: Report, opts: RenderOptions): string;
}
