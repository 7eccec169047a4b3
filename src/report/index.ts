// Every output format, by the name `--format` takes. One file per format.
import { PalisadeError } from '../core/errors.js';
import { jsonWriter } from './json.js';
import { tableWriter } from './table.js';
import type { ReportWriter } from './writer.js';

export const writers: readonly ReportWriter[] = [tableWriter, jsonWriter];

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
