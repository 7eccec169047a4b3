// Loads Falco rule files (YAML sequences of `rule`, `macro`, `list` items) with Falco's merge semantics:
// a later definition with the same name replaces the earlier one; `append: true` or `override:` extends
// or replaces single keys; lists and macros are resolved after every file is read, so a file may tune
// what an earlier file uses. Rules naming fields we do not provide are disabled with the reason.
import { parseDocument } from 'yaml';
import { PalisadeError, errorMessage } from '../../core/errors.js';
import type { EventSource } from '../event.js';
import { BINARY_OPS, parseCondition, type CondNode, type Literal, type Op } from './condition.js';
import {
  compile,
  eventTypes,
  newProblems,
  resolve,
  validateValues,
  type Pred,
  type TypeSet,
} from './compile.js';
import { compileOutput, type OutputTemplate } from './output.js';

export const PRIORITIES = [
  'EMERGENCY',
  'ALERT',
  'CRITICAL',
  'ERROR',
  'WARNING',
  'NOTICE',
  'INFORMATIONAL',
  'DEBUG',
] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Lower is more severe (syslog order). */
export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}
export function parsePriority(s: unknown): Priority | undefined {
  if (typeof s !== 'string') return undefined;
  const u = s.trim().toUpperCase();
  if (u === 'INFO') return 'INFORMATIONAL';
  if (u === 'WARN') return 'WARNING';
  if (u === 'EMERG') return 'EMERGENCY';
  if (u === 'CRIT') return 'CRITICAL';
  if (u === 'ERR') return 'ERROR';
  return (PRIORITIES as readonly string[]).includes(u) ? (u as Priority) : undefined;
}

export interface ExceptionDef {
  name: string;
  fields?: string | string[];
  comps?: string | string[];
  values?: unknown[];
}

export interface RuleDef {
  name: string;
  desc?: string;
  condition: string;
  output: string;
  priority: Priority;
  tags: string[];
  enabled: boolean;
  source: EventSource;
  exceptions: ExceptionDef[];
  skipIfUnknownFilter: boolean;
  /** file that defined it, and files that appended to it */
  files: string[];
}

export interface CompiledRule {
  def: RuleDef;
  pred: Pred;
  types: TypeSet;
  output: OutputTemplate;
  /** load order, used for `first` rule matching */
  index: number;
}

export interface DisabledRule {
  name: string;
  file: string;
  reason: string;
}

export interface RuleSet {
  rules: CompiledRule[];
  disabled: DisabledRule[];
  /** problems that make the files not load (syntax errors, appends to nothing, undefined macros) */
  errors: string[];
  warnings: string[];
  counts: { rules: number; macros: number; lists: number; files: number };
}

export interface RuleFile {
  /** path or label, for messages */
  name: string;
  text: string;
}

const SOURCES: readonly EventSource[] = ['syscall', 'k8s_audit', 'docker'];
const MAX_RULE_FILE_BYTES = 32 * 1024 * 1024;

interface MacroDef {
  name: string;
  condition: string;
  file: string;
}

export function loadRuleFiles(files: readonly RuleFile[]): RuleSet {
  const errors: string[] = [];
  const warnings: string[] = [];
  const lists = new Map<string, Literal[]>();
  const macros = new Map<string, MacroDef>();
  const rules = new Map<string, RuleDef>();

  for (const f of files) {
    if (f.text.length > MAX_RULE_FILE_BYTES) {
      errors.push(`${f.name}: rule file larger than ${MAX_RULE_FILE_BYTES} bytes`);
      continue;
    }
    // yaml's alias limit guards against "billion laughs" documents
    const doc = parseDocument(f.text, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length) {
      errors.push(`${f.name}: YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
      continue;
    }
    let items: unknown;
    try {
      items = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push(`${f.name}: YAML: ${errorMessage(e)}`);
      continue;
    }
    if (items === null || items === undefined) continue;
    if (!Array.isArray(items)) {
      errors.push(`${f.name}: a rules file is a YAML sequence of rule, macro and list items`);
      continue;
    }
    for (const raw of items) {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        errors.push(`${f.name}: item is not a mapping: ${JSON.stringify(raw)?.slice(0, 80)}`);
        continue;
      }
      const it = raw as Record<string, unknown>;
      try {
        if ('list' in it) loadList(it, f.name, lists);
        else if ('macro' in it) loadMacro(it, f.name, macros);
        else if ('rule' in it) loadRule(it, f.name, rules, warnings);
        else if (
          'required_engine_version' in it ||
          'required_plugin_versions' in it ||
          'engine_version' in it
        ) {
          // versions of Falco's engine and plugins: we implement the language, not their builds
        } else warnings.push(`${f.name}: unknown item with keys ${Object.keys(it).join(', ')} ignored`);
      } catch (e) {
        errors.push(`${f.name}: ${errorMessage(e)}`);
      }
    }
  }

  // parse macros once
  const macroAst = new Map<string, CondNode>();
  for (const m of macros.values()) {
    try {
      macroAst.set(m.name, parseCondition(m.condition));
    } catch (e) {
      errors.push(`${m.file}: macro '${m.name}': ${errorMessage(e)}`);
    }
  }

  const compiled: CompiledRule[] = [];
  const disabled: DisabledRule[] = [];
  let index = 0;
  for (const r of rules.values()) {
    const file = r.files[0] ?? '';
    if (!r.enabled) {
      disabled.push({ name: r.name, file, reason: 'enabled: false' });
      continue;
    }
    let ast: CondNode;
    try {
      ast = withExceptions(parseCondition(r.condition), r.exceptions, lists);
    } catch (e) {
      errors.push(`${file}: rule '${r.name}': ${errorMessage(e)}`);
      continue;
    }
    const probs = newProblems();
    const rnode = resolve(ast, { macros: macroAst, lists, source: r.source }, probs);
    validateValues(rnode, probs.errors);
    if (probs.undefinedMacros.size) {
      errors.push(
        `${file}: rule '${r.name}': undefined macro or field ${[...probs.undefinedMacros].map((m) => `'${m}'`).join(', ')}`,
      );
      continue;
    }
    if (probs.errors.length) {
      errors.push(`${file}: rule '${r.name}': ${probs.errors.join('; ')}`);
      continue;
    }
    if (probs.unknownFields.size || probs.wrongSource.size) {
      const why = [
        ...[...probs.unknownFields].map((x) => `unknown field ${x}`),
        ...[...probs.wrongSource].map((x) => `field ${x} not available for source ${r.source}`),
      ].join(', ');
      disabled.push({ name: r.name, file, reason: why });
      continue;
    }
    const types = eventTypes(rnode);
    compiled.push({ def: r, pred: compile(rnode), types, output: compileOutput(r.output), index: index++ });
  }

  return {
    rules: compiled,
    disabled,
    errors,
    warnings,
    counts: { rules: rules.size, macros: macros.size, lists: lists.size, files: files.length },
  };
}

function str(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new PalisadeError('INPUT', `${what} must be a string`);
}
function isAppend(it: Record<string, unknown>): boolean {
  return it.append === true;
}
function overrideOf(it: Record<string, unknown>, name: string): Record<string, 'append' | 'replace'> {
  const o = it.override;
  if (o === undefined) return {};
  if (!o || typeof o !== 'object' || Array.isArray(o))
    throw new PalisadeError('INPUT', `${name}: override must map keys to append or replace`);
  const out: Record<string, 'append' | 'replace'> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== 'append' && v !== 'replace')
      throw new PalisadeError('INPUT', `${name}: override.${k} must be append or replace, not ${String(v)}`);
    out[k] = v;
  }
  return out;
}

function toLiterals(items: unknown, what: string): Literal[] {
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) throw new PalisadeError('INPUT', `${what}: items must be a sequence`);
  return items.map((x) => {
    const s = str(x, `${what} item`);
    // list items are condition tokens: '"(systemd)"' is the quoted string (systemd)
    const q = /^"(.*)"$|^'(.*)'$/s.exec(s);
    if (q) return { text: q[1] ?? q[2] ?? '', quoted: true };
    return { text: s, quoted: false };
  });
}

function loadList(it: Record<string, unknown>, file: string, lists: Map<string, Literal[]>): void {
  const name = str(it.list, 'list name');
  const items = toLiterals(it.items, `list '${name}'`);
  const ov = overrideOf(it, `list '${name}'`);
  if (isAppend(it) || ov.items === 'append') {
    const cur = lists.get(name);
    if (!cur) throw new PalisadeError('INPUT', `list '${name}': append to a list that is not defined`);
    cur.push(...items);
  } else lists.set(name, items);
}

function loadMacro(it: Record<string, unknown>, file: string, macros: Map<string, MacroDef>): void {
  const name = str(it.macro, 'macro name');
  const cond = str(it.condition ?? '', `macro '${name}' condition`);
  const ov = overrideOf(it, `macro '${name}'`);
  if (isAppend(it) || ov.condition === 'append') {
    const cur = macros.get(name);
    if (!cur) throw new PalisadeError('INPUT', `macro '${name}': append to a macro that is not defined`);
    cur.condition = `${cur.condition} ${cond}`;
  } else {
    if (!cond.trim()) throw new PalisadeError('INPUT', `macro '${name}' has no condition`);
    macros.set(name, { name, condition: cond, file });
  }
}

function toExceptions(v: unknown, rule: string): ExceptionDef[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new PalisadeError('INPUT', `rule '${rule}': exceptions must be a sequence`);
  return v.map((x) => {
    if (!x || typeof x !== 'object' || typeof (x as ExceptionDef).name !== 'string')
      throw new PalisadeError('INPUT', `rule '${rule}': each exception needs a name`);
    const e = x as ExceptionDef;
    if (e.values !== undefined && !Array.isArray(e.values))
      throw new PalisadeError('INPUT', `rule '${rule}': exception '${e.name}' values must be a sequence`);
    return { ...e, values: e.values ? [...e.values] : [] };
  });
}

function mergeExceptions(into: ExceptionDef[], add: ExceptionDef[]): void {
  for (const a of add) {
    const cur = into.find((x) => x.name === a.name);
    if (cur) cur.values = [...(cur.values ?? []), ...(a.values ?? [])];
    else into.push(a);
  }
}

function tagsOf(v: unknown, rule: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new PalisadeError('INPUT', `rule '${rule}': tags must be a sequence`);
  return v.map((t) => str(t, 'tag'));
}

function loadRule(
  it: Record<string, unknown>,
  file: string,
  rules: Map<string, RuleDef>,
  warnings: string[],
): void {
  const name = str(it.rule, 'rule name');
  const ov = overrideOf(it, `rule '${name}'`);
  const cur = rules.get(name);
  const legacyAppend = isAppend(it);
  if (legacyAppend || Object.keys(ov).length) {
    if (!cur)
      throw new PalisadeError('INPUT', `rule '${name}': append/override of a rule that is not defined`);
    cur.files.push(file);
    const mode = (k: string) => (legacyAppend ? 'append' : ov[k]);
    if (it.condition !== undefined) {
      const c = str(it.condition, 'condition');
      cur.condition = mode('condition') === 'replace' ? c : `${cur.condition} ${c}`;
    }
    if (it.output !== undefined) {
      const o = str(it.output, 'output');
      cur.output = mode('output') === 'replace' ? o : `${cur.output} ${o}`;
    }
    if (it.desc !== undefined) {
      const d = str(it.desc, 'desc');
      cur.desc = mode('desc') === 'replace' ? d : `${cur.desc ?? ''} ${d}`;
    }
    if (it.tags !== undefined) {
      const t = tagsOf(it.tags, name);
      cur.tags = mode('tags') === 'replace' ? t : [...cur.tags, ...t];
    }
    if (it.exceptions !== undefined) {
      const ex = toExceptions(it.exceptions, name);
      if (mode('exceptions') === 'replace') cur.exceptions = ex;
      else mergeExceptions(cur.exceptions, ex);
    }
    if (it.priority !== undefined) {
      const p = parsePriority(it.priority);
      if (!p) throw new PalisadeError('INPUT', `rule '${name}': unknown priority ${String(it.priority)}`);
      cur.priority = p;
    }
    if (it.enabled !== undefined) cur.enabled = it.enabled === true;
    return;
  }
  // legacy form: `- rule: X` + `enabled: false` toggles an existing rule
  if (cur && it.condition === undefined && it.enabled !== undefined) {
    cur.enabled = it.enabled === true;
    return;
  }
  if (it.condition === undefined) throw new PalisadeError('INPUT', `rule '${name}' has no condition`);
  const priority = parsePriority(it.priority ?? 'NOTICE');
  if (!priority) throw new PalisadeError('INPUT', `rule '${name}': unknown priority ${String(it.priority)}`);
  const source = (it.source ?? 'syscall') as EventSource;
  if (!SOURCES.includes(source)) {
    warnings.push(`${file}: rule '${name}': source '${String(it.source)}' is not one we collect; skipped`);
    return;
  }
  rules.set(name, {
    name,
    ...(it.desc !== undefined ? { desc: str(it.desc, 'desc') } : {}),
    condition: str(it.condition, 'condition'),
    output: str(it.output ?? '', 'output'),
    priority,
    tags: tagsOf(it.tags, name),
    enabled: it.enabled === undefined ? true : it.enabled === true,
    source,
    exceptions: toExceptions(it.exceptions, name),
    skipIfUnknownFilter: it['skip-if-unknown-filter'] === true,
    files: [file],
  });
}

const OPS = new Set<string>(BINARY_OPS);
const LIST_COMPS = new Set(['in', 'intersects', 'pmatch']);

function fieldRefOf(field: string) {
  const n = parseCondition(`${field} exists`);
  if (n.k !== 'check') throw new PalisadeError('INPUT', `exception field '${field}' is not a field`);
  return n.field;
}

function valueLiterals(v: unknown): Literal[] {
  if (Array.isArray(v)) return v.map((x) => ({ text: String(x), quoted: false }));
  return [{ text: String(v), quoted: false }];
}

/** `cond and not (exception1 or exception2 …)`, built as AST so values need no quoting. */
function withExceptions(
  cond: CondNode,
  exceptions: ExceptionDef[],
  _lists: Map<string, Literal[]>,
): CondNode {
  const alts: CondNode[] = [];
  for (const ex of exceptions) {
    const values = ex.values ?? [];
    if (!values.length) continue;
    if (typeof ex.fields === 'string') {
      const comp = (typeof ex.comps === 'string' ? ex.comps : 'in') as Op;
      if (!OPS.has(comp))
        throw new PalisadeError('INPUT', `exception '${ex.name}': unknown comparison ${comp}`);
      const field = fieldRefOf(ex.fields);
      if (LIST_COMPS.has(comp))
        alts.push({
          k: 'check',
          field,
          op: comp,
          value: { kind: 'list', items: values.flatMap(valueLiterals) },
        });
      else
        for (const v of values)
          alts.push({
            k: 'check',
            field,
            op: comp,
            value: { kind: 'literal', lit: { text: String(v), quoted: true } },
          });
      continue;
    }
    const fields = ex.fields ?? [];
    if (!Array.isArray(fields) || !fields.length)
      throw new PalisadeError('INPUT', `exception '${ex.name}' needs fields`);
    const comps = Array.isArray(ex.comps)
      ? ex.comps
      : fields.map(() => (typeof ex.comps === 'string' ? ex.comps : '='));
    if (comps.length !== fields.length)
      throw new PalisadeError('INPUT', `exception '${ex.name}': fields and comps differ in length`);
    const refs = fields.map(fieldRefOf);
    for (const tuple of values) {
      const vals = Array.isArray(tuple) ? tuple : [tuple];
      if (vals.length !== fields.length)
        throw new PalisadeError(
          'INPUT',
          `exception '${ex.name}': a value has ${vals.length} items for ${fields.length} fields`,
        );
      const checks: CondNode[] = refs.map((field, i) => {
        const comp = String(comps[i]) as Op;
        if (!OPS.has(comp))
          throw new PalisadeError('INPUT', `exception '${ex.name}': unknown comparison ${comp}`);
        const v = vals[i];
        if (LIST_COMPS.has(comp))
          return { k: 'check', field, op: comp, value: { kind: 'list', items: valueLiterals(v) } };
        return {
          k: 'check',
          field,
          op: comp,
          value: { kind: 'literal', lit: { text: String(v), quoted: true } },
        };
      });
      alts.push(checks.length === 1 ? checks[0]! : { k: 'and', items: checks });
    }
  }
  if (!alts.length) return cond;
  return {
    k: 'and',
    items: [cond, { k: 'not', item: alts.length === 1 ? alts[0]! : { k: 'or', items: alts } }],
  };
}
