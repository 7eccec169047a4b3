// Validation of reports against schema/report.schema.json (used by tests and by `palisade` users who
// want to check a stored report).
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';

export const REPORT_SCHEMA_PATH = packagePath('schema', 'report.schema.json');

export function loadReportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8'));
}
