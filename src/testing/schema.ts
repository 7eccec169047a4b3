import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadReportSchema } from '../report/schema.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/** Validate a parsed report; returns ajv's error text, or '' when valid. */
export function reportSchemaErrors(report: unknown): string {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(loadReportSchema());
  return validate(report) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}
