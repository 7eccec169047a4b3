// Every output format, by the name `--format` takes. One file per format, loaded when used.
import { PalisadeError } from '../core/errors.js';
import type { ReportWriter } from './writer.js';

export interface WriterEntry {
  format: string;
  load(): Promise<ReportWriter>;
}

export const writers: readonly WriterEntry[] = [
  { format: 'table', load: async () => (await import('./table.js')).tableWriter },
  { format: 'json', load: async () => (await import('./json.js')).jsonWriter },
  { format: 'sarif', load: async () => (await import('./sarif.js')).sarifWriter },
  { format: 'cyclonedx', load: async () => (await import('./cyclonedx.js')).cyclonedxWriter },
  { format: 'spdx', load: async () => (await import('./spdx.js')).spdxWriter },
  { format: 'junit', load: async () => (await import('./junit.js')).junitWriter },
  { format: 'markdown', load: async () => (await import('./markdown.js')).markdownWriter },
  { format: 'html', load: async () => (await import('./html.js')).htmlWriter },
  { format: 'template', load: async () => (await import('./template.js')).templateWriter },
];

export function formats(): string[] {
  return writers.map((w) => w.format);
}

export async function writerFor(format: string): Promise<ReportWriter> {
  const w = writers.find((x) => x.format === format);
  if (!w)
    throw new PalisadeError(
      'USAGE',
      `--format ${format}: unknown format; choose one of ${formats().join(', ')}`,
    );
  return w.load();
}

export type { RenderOptions, ReportWriter } from './writer.js';
