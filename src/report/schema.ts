// Validation of reports against schema/report.schema.json (used by tests and by `palisade` users who
// want to check a stored report).
import { readFileSync } from 'node:fs';

export const REPORT_SCHEMA_URL = new URL('../../schema/report.schema.json', import.meta.url);

export function loadReportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8'));
}
