// The user's secret configuration (`--secret-config FILE`, YAML): extra rules, built-ins to disable,
// global allowlists and the size cap. Every problem is reported with the file and the rule it is in.
//
//   rules:
//     - id: acme-api-token
//       category: acme
//       title: ACME internal API token
//       severity: high
//       keywords: [acme_]
//       regex: 'acme_[a-z0-9]{32}'
//       secretGroup: 0          # optional; number or group name
//       entropy: 3.5            # optional
//       paths: ['\.env$']       # optional
//       allowlist: { regexes: [], paths: [], stopwords: [] }
//       examples: []            # reported as example/low
//   disable: [jwt, generic-secret-assignment]   # built-in rule ids
//   allowlist: { paths: ['^usr/share/doc/'], regexes: [] }
//   maxFileSize: 10485760
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import { SEVERITIES, type Severity } from '../../core/types.js';
import { SecretEngine, type SecretEngineOptions } from './engine.js';
import type { SecretRule } from './rule.js';
import { builtinSecretRules } from './rules/index.js';

export interface SecretConfig {
  rules: SecretRule[];
  disable: string[];
  allowlist?: { paths?: string[]; regexes?: string[] };
  maxFileSize?: number;
}

const RULE_KEYS = new Set([
  'id',
  'category',
  'title',
  'severity',
  'keywords',
  'regex',
  'secretGroup',
  'entropy',
  'window',
  'paths',
  'binary',
  'allowlist',
  'examples',
  'references',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new PalisadeError('INPUT', `${where}: expected a list of strings`);
  return v as string[];
}

function parseRule(v: unknown, where: string): SecretRule {
  if (!isRecord(v)) throw new PalisadeError('INPUT', `${where}: a rule must be a mapping`);
  const id = v.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id))
    throw new PalisadeError('INPUT', `${where}: rule id must be a word of letters, digits, . _ -`);
  const at = `${where} (${id})`;
  for (const k of Object.keys(v))
    if (!RULE_KEYS.has(k)) throw new PalisadeError('INPUT', `${at}: unknown field ${k}`);
  if (typeof v.regex !== 'string' || !v.regex) throw new PalisadeError('INPUT', `${at}: regex is required`);
  const keywords = stringList(v.keywords, `${at} keywords`).filter((k) => k.length > 0);
  if (keywords.length === 0)
    throw new PalisadeError('INPUT', `${at}: keywords are required (they drive the prefilter)`);
  const severity = (v.severity ?? 'medium') as Severity;
  if (!SEVERITIES.includes(severity))
    throw new PalisadeError('INPUT', `${at}: severity must be one of ${SEVERITIES.join(', ')}`);
  if (v.secretGroup !== undefined && typeof v.secretGroup !== 'number' && typeof v.secretGroup !== 'string')
    throw new PalisadeError('INPUT', `${at}: secretGroup must be a number or a group name`);
  if (v.entropy !== undefined && (typeof v.entropy !== 'number' || v.entropy < 0 || v.entropy > 8))
    throw new PalisadeError('INPUT', `${at}: entropy must be a number between 0 and 8`);
  const allow = v.allowlist;
  if (allow !== undefined && !isRecord(allow))
    throw new PalisadeError('INPUT', `${at}: allowlist must be a mapping`);
  const win = v.window;
  if (win !== undefined && !isRecord(win))
    throw new PalisadeError('INPUT', `${at}: window must be a mapping`);
  const rule: SecretRule = {
    id,
    category: typeof v.category === 'string' ? v.category : 'custom',
    title: typeof v.title === 'string' ? v.title : id,
    severity,
    keywords,
    regex: v.regex,
    paths: stringList(v.paths, `${at} paths`),
    binary: v.binary === true,
    examples: stringList(v.examples, `${at} examples`),
    references: stringList(v.references, `${at} references`),
  };
  if (v.secretGroup !== undefined) rule.secretGroup = v.secretGroup as number | string;
  if (typeof v.entropy === 'number') rule.entropy = v.entropy;
  if (allow)
    rule.allowlist = {
      regexes: stringList(allow.regexes, `${at} allowlist.regexes`),
      paths: stringList(allow.paths, `${at} allowlist.paths`),
      stopwords: stringList(allow.stopwords, `${at} allowlist.stopwords`),
    };
  if (win) {
    const num = (x: unknown, name: string) => {
      if (x === undefined) return undefined;
      if (typeof x !== 'number' || x < 0 || x > 65536)
        throw new PalisadeError('INPUT', `${at}: window.${name} must be 0..65536`);
      return x;
    };
    rule.window = {
      before: num(win.before, 'before'),
      after: num(win.after, 'after'),
      multiline: win.multiline === true,
    };
  }
  return rule;
}

/** Parses the YAML text of a secret configuration; `source` names it in errors. */
export function parseSecretConfig(text: string, source: string): SecretConfig {
  let doc: unknown;
  try {
    // a small alias budget: an alias bomb fails here instead of exhausting memory
    doc = parse(text, { maxAliasCount: 100, prettyErrors: false });
  } catch (e) {
    throw new PalisadeError('INPUT', `${source}: not valid YAML: ${errorMessage(e).split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return { rules: [], disable: [] };
  if (!isRecord(doc))
    throw new PalisadeError('INPUT', `${source}: expected a mapping with rules, disable, allowlist`);
  for (const k of Object.keys(doc))
    if (!['rules', 'disable', 'allowlist', 'maxFileSize'].includes(k))
      throw new PalisadeError('INPUT', `${source}: unknown key ${k}`);
  const rawRules = doc.rules ?? [];
  if (!Array.isArray(rawRules)) throw new PalisadeError('INPUT', `${source}: rules must be a list`);
  const rules = rawRules.map((r, i) => parseRule(r, `${source}: rules[${i}]`));
  const disable = stringList(doc.disable, `${source}: disable`);
  const known = new Set(builtinSecretRules.map((r) => r.id));
  for (const id of disable)
    if (!known.has(id)) throw new PalisadeError('INPUT', `${source}: disable: no built-in rule ${id}`);
  const cfg: SecretConfig = { rules, disable };
  if (doc.allowlist !== undefined) {
    if (!isRecord(doc.allowlist)) throw new PalisadeError('INPUT', `${source}: allowlist must be a mapping`);
    cfg.allowlist = {
      paths: stringList(doc.allowlist.paths, `${source}: allowlist.paths`),
      regexes: stringList(doc.allowlist.regexes, `${source}: allowlist.regexes`),
    };
  }
  if (doc.maxFileSize !== undefined) {
    if (typeof doc.maxFileSize !== 'number' || !(doc.maxFileSize > 0))
      throw new PalisadeError('INPUT', `${source}: maxFileSize must be a positive number of bytes`);
    cfg.maxFileSize = doc.maxFileSize;
  }
  return cfg;
}

export async function loadSecretConfig(path: string): Promise<SecretConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new PalisadeError('INPUT', `secret config ${path}: ${errorMessage(e)}`);
  }
  return parseSecretConfig(text, path);
}

/** The rule set a configuration yields: built-ins minus disabled ones, plus the user's rules. */
export function effectiveRules(cfg?: SecretConfig): SecretRule[] {
  if (!cfg) return [...builtinSecretRules];
  const off = new Set(cfg.disable);
  const rules = builtinSecretRules.filter((r) => !off.has(r.id));
  const ids = new Set(rules.map((r) => r.id));
  for (const r of cfg.rules) {
    if (ids.has(r.id))
      throw new PalisadeError(
        'INPUT',
        `secret rule ${r.id}: a built-in rule has this id; disable it or rename`,
      );
    ids.add(r.id);
    rules.push(r);
  }
  return rules;
}

export function buildSecretEngine(cfg?: SecretConfig, overrides: SecretEngineOptions = {}): SecretEngine {
  const opts: SecretEngineOptions = { ...overrides };
  if (cfg?.allowlist) opts.allowlist = cfg.allowlist;
  if (cfg?.maxFileSize !== undefined && overrides.maxFileSize === undefined)
    opts.maxFileSize = cfg.maxFileSize;
  return new SecretEngine(effectiveRules(cfg), opts);
}
