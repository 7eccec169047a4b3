// A Dockerfile parser that follows BuildKit's frontend: parser directives (`# syntax=`, `# escape=`,
// `# check=`) before the first instruction, line continuations with the escape character (comment
// and blank lines inside a continuation are dropped), heredocs (`<<EOF`, `<<-EOF`, quoted
// delimiters) on RUN/COPY/ADD, instruction flags (`--from=`, `--mount=`…), JSON (exec) form, and
// ARG/ENV substitution (`$V`, `${V}`, `${V:-w}`, `${V:+w}`, `${V-w}`, `${V+w}`) in the instructions
// where Docker performs it, with global ARGs for FROM and per-stage scopes for multi-stage builds.
// No library does this in JS with line numbers and heredocs; the grammar is small, so it lives here.

export interface Flag {
  name: string;
  value?: string;
}

export interface Heredoc {
  name: string;
  /** `<<-`: leading tabs stripped from the body */
  chomp: boolean;
  /** quoted delimiter: no expansion of the body */
  quoted: boolean;
  body: string;
  line: number;
}

export interface Instruction {
  /** upper-case keyword */
  keyword: string;
  /** text after the keyword with continuations joined (flags included) */
  raw: string;
  flags: Flag[];
  /** text after the flags */
  args: string;
  /** exec form, when the arguments are a JSON array of strings */
  json?: string[];
  heredocs: Heredoc[];
  /** 1-based first and last line (heredoc bodies included) */
  line: number;
  endLine: number;
  /** index of the stage it belongs to; -1 for ARGs before the first FROM */
  stage: number;
  /** args after ARG/ENV substitution, for the keywords Docker expands; `args` otherwise */
  expanded: string;
}

export interface Stage {
  index: number;
  name?: string;
  /** FROM image after substitution (`scratch`, an image reference, or an earlier stage's name) */
  base: string;
  platform?: string;
  line: number;
  instructions: Instruction[];
  /** ENV at the end of the stage (inherited by stages built FROM it) */
  env: Record<string, string>;
}

export interface ParseProblem {
  line: number;
  message: string;
}

export interface Dockerfile {
  directives: Record<string, string>;
  escape: string;
  instructions: Instruction[];
  stages: Stage[];
  /** ARGs declared before the first FROM and their defaults */
  globalArgs: Record<string, string | undefined>;
  problems: ParseProblem[];
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Keywords whose arguments Docker expands with ARG/ENV values. */
const EXPANDED = new Set([
  'ADD',
  'COPY',
  'ENV',
  'EXPOSE',
  'FROM',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
  'ARG',
]);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const JSON_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'VOLUME', 'SHELL', 'HEALTHCHECK']);

const DIRECTIVE_RE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;
const HEREDOC_RE = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g;

export interface ParseOptions {
  /** --build-arg values */
  buildArgs?: Record<string, string>;
}

/** Expands `$V`, `${V}`, `${V:-w}`, `${V:+w}`, `${V-w}`, `${V+w}`; `escape` + `$` is a literal `$`. */
export function expandVars(
  text: string,
  vars: Readonly<Record<string, string | undefined>>,
  escape = '\\',
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === escape && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = findClose(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) out += text.slice(i, close + 1);
      else {
        const name = m[1]!;
        const op = m[2];
        const word = m[3] ?? '';
        const val = vars[name];
        const set = val !== undefined;
        const nonEmpty = set && val !== '';
        if (!op) out += val ?? '';
        else if (op === ':-') out += nonEmpty ? val : expandVars(word, vars, escape);
        else if (op === '-') out += set ? val : expandVars(word, vars, escape);
        else if (op === ':+') out += nonEmpty ? expandVars(word, vars, escape) : '';
        else out += set ? expandVars(word, vars, escape) : '';
      }
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 257));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    out += vars[m[0]] ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

function findClose(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

/** Splits `k=v k2="v 2"` (or the legacy `k v w` form) into pairs, unquoting values. */
export function parseKeyValues(text: string, legacySingle: boolean): [string, string][] {
  const t = text.trim();
  if (legacySingle) {
    const first = /^(\S+)\s+([\s\S]*)$/.exec(t);
    if (first && !first[1]!.includes('=')) return [[first[1]!, first[2]!.trim()]];
  }
  const out: [string, string][] = [];
  for (const word of splitWords(t)) {
    const eq = word.indexOf('=');
    if (eq < 0) out.push([unquote(word), '']);
    else out.push([unquote(word.slice(0, eq)), unquote(word.slice(eq + 1))]);
  }
  return out;
}

/** Splits on unquoted whitespace; quotes stay in the words. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      any = true;
    } else if (/\s/.test(c)) {
      if (any || cur) out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (any || cur) out.push(cur);
  return out;
}

export function unquote(s: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < s.length) out += s[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < s.length) out += s[++i];
    else out += c;
  }
  return out;
}

function parseFlags(text: string): { flags: Flag[]; rest: string } {
  const flags: Flag[] = [];
  let rest = text.replace(/^\s+/, '');
  for (;;) {
    const m = /^--([A-Za-z][A-Za-z0-9-]*)(?:=("[^"]*"|'[^']*'|\S*))?(?:\s+|$)/.exec(rest);
    if (!m) break;
    const f: Flag = { name: m[1]!.toLowerCase() };
    if (m[2] !== undefined) f.value = unquote(m[2]);
    flags.push(f);
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

function parseJsonArray(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    /* shell form */
  }
  return undefined;
}

/** Parses a Dockerfile. Never throws: problems are returned with their lines. */
export function parseDockerfile(text: string, options: ParseOptions = {}): Dockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const df: Dockerfile = {
    directives: {},
    escape: '\\',
    instructions: [],
    stages: [],
    globalArgs: {},
    problems: [],
  };

  // parser directives: only at the very top, before any blank line, comment or instruction
  let i = 0;
  for (; i < lines.length; i++) {
    const m = DIRECTIVE_RE.exec(lines[i]!);
    if (!m) break;
    const key = m[1]!.toLowerCase();
    if (key in df.directives) break; // a repeated directive is a comment
    df.directives[key] = m[2]!;
  }
  const esc = df.directives.escape;
  if (esc !== undefined) {
    if (esc === '`' || esc === '\\') df.escape = esc;
    else df.problems.push({ line: 1, message: `invalid escape directive "${esc}": must be \` or \\` });
  }
  const escape = df.escape;
  const contRe = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);

  const buildArgs = options.buildArgs ?? {};
  let stage: Stage | undefined;
  let scope: Record<string, string | undefined> = {};
  const globalScope: Record<string, string | undefined> = {};

  for (; i < lines.length; i++) {
    const first = lines[i]!;
    const trimmed = first.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const startLine = i + 1;
    // join continuation lines
    let logical = first;
    while (contRe.test(logical) && i + 1 < lines.length) {
      logical = logical.replace(contRe, '');
      i++;
      while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]!) && i + 1 < lines.length) i++;
      logical += lines[i]!;
    }
    if (contRe.test(logical)) logical = logical.replace(contRe, '');
    const km = /^\s*([A-Za-z]+)(\s+|$)([\s\S]*)$/.exec(logical);
    if (!km) {
      df.problems.push({ line: startLine, message: `cannot parse line: ${trimmed.slice(0, 60)}` });
      continue;
    }
    const keyword = km[1]!.toUpperCase();
    const raw = km[3]!;
    const { flags, rest } = parseFlags(raw);
    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword) && !rest.trim().startsWith('[')) {
      for (const hm of rest.matchAll(HEREDOC_RE)) {
        const hd: Heredoc = {
          name: hm[3]!,
          chomp: hm[1] === '-',
          quoted: hm[2] !== '',
          body: '',
          line: i + 2,
        };
        const body: string[] = [];
        let closed = false;
        while (i + 1 < lines.length) {
          i++;
          let l = lines[i]!;
          if (hd.chomp) l = l.replace(/^\t+/, '');
          if (l === hd.name) {
            closed = true;
            break;
          }
          body.push(l);
        }
        if (!closed) df.problems.push({ line: hd.line - 1, message: `heredoc ${hd.name} is not terminated` });
        hd.body = body.join('\n') + (body.length ? '\n' : '');
        heredocs.push(hd);
      }
    }
    const ins: Instruction = {
      keyword,
      raw,
      flags,
      args: rest.trim(),
      heredocs,
      line: startLine,
      endLine: i + 1,
      stage: stage ? stage.index : -1,
      expanded: rest.trim(),
    };
    if (JSON_KEYWORDS.has(keyword)) {
      const json = parseJsonArray(rest);
      if (json) ins.json = json;
    }
    if (!KEYWORDS.has(keyword))
      df.problems.push({ line: startLine, message: `unknown instruction ${keyword}` });
    const vars = stage ? scope : globalScope;
    if (EXPANDED.has(keyword) && !ins.json)
      ins.expanded = expandVars(ins.args, keyword === 'FROM' ? globalScope : vars, escape);

    if (keyword === 'FROM') {
      const words = splitWords(ins.expanded);
      const platform = flags.find((f) => f.name === 'platform')?.value;
      const base = words[0] ?? '';
      if (!base) df.problems.push({ line: startLine, message: 'FROM without an image' });
      const st: Stage = { index: df.stages.length, base, line: startLine, instructions: [], env: {} };
      if (words[1]?.toUpperCase() === 'AS' && words[2]) st.name = words[2].toLowerCase();
      if (platform) st.platform = platform;
      const parent = df.stages.find((s) => s.name !== undefined && s.name === base.toLowerCase());
      if (parent) st.env = { ...parent.env };
      stage = st;
      df.stages.push(st);
      scope = { ...st.env };
      ins.stage = st.index;
    } else if (keyword === 'ARG') {
      for (const word of splitWords(ins.args)) {
        const eq = word.indexOf('=');
        const k = unquote(eq < 0 ? word : word.slice(0, eq));
        const def = eq < 0 ? undefined : expandVars(unquote(word.slice(eq + 1)), vars, escape);
        const value = buildArgs[k] ?? def ?? (stage ? globalScope[k] : undefined);
        if (stage) scope[k] = value;
        else {
          globalScope[k] = value;
          df.globalArgs[k] = def;
        }
      }
    } else if (keyword === 'ENV' && stage) {
      for (const [k, v] of parseKeyValues(ins.args, true)) {
        const val = expandVars(v, scope, escape);
        scope[k] = val;
        stage.env[k] = val;
      }
    }
    if (stage) stage.instructions.push(ins);
    else if (keyword !== 'ARG')
      df.problems.push({ line: startLine, message: `${keyword} before the first FROM` });
    df.instructions.push(ins);
  }
  if (df.stages.length === 0 && df.instructions.length > 0)
    df.problems.push({ line: 1, message: 'no FROM instruction' });
  return df;
}

/** The shell script a RUN executes: exec form joined, or shell form plus heredoc bodies. */
export function runScript(ins: Instruction): string {
  if (ins.json) return ins.json.join(' ');
  if (!ins.heredocs.length) return ins.args;
  return [ins.args, ...ins.heredocs.map((h) => h.body)].join('\n');
}

/** The final stage: the one `docker build` produces without --target. */
export function finalStage(df: Dockerfile): Stage | undefined {
  return df.stages[df.stages.length - 1];
}
