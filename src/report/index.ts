// Every output format, by the name `--format` takes. One file per format.
import { PalisadeError } from '../core/errors.js';
import { cyclonedxWriter } from './cyclonedx.js';
import { htmlWriter } from './html.js';
import { jsonWriter } from './json.js';
import { junitWriter } from './junit.js';
import { markdownWriter } from './markdown.js';
import { sarifWriter } from './sarif.js';
import { spdxWriter } from './spdx.js';
import { tableWriter } from './table.js';
import { templateWriter } from './template.js';
import type { ReportWriter } from './writer.js';

export const writers: readonly ReportWriter[] = [
  tableWriter,
  jsonWriter,
  sarifWriter,
  cyclonedxWriter,
  spdxWriter,
  junitWriter,
  markdownWriter,
  htmlWriter,
  templateWriter,
];

export function writerFor(format: string): ReportWriter {
  const w = writers.find((x) => x.format === format);
  if (!w)
    throw new PalisadeError(
      'USAGE',
      `--format ${format}: unknown format; choose one of ${writers.map((x) => x.format).join(', ')}`,
    );
  return w;
}

export type { RenderOptions, ReportWriter } from './writer.js';
