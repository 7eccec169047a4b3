// Just enough shell to read RUN lines: split a script into simple commands on && || ; | & and
// newlines (outside quotes), with unquoted words and the env assignments and wrappers (sudo, env,
// nice…) skipped. It is not a shell parser: checks that need one should stay conservative.
import { unquote } from './parser.js';

export interface SimpleCommand {
  /** words after leading VAR=value assignments and wrappers */
  words: string[];
  /** the command's text as written */
  text: string;
  /** true when this command's output is piped into the next */
  pipesTo: boolean;
}

const WRAPPERS = new Set(['sudo', 'env', 'nice', 'nohup', 'time', 'exec', 'command', 'xargs']);

export function splitCommands(script: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cur = '';
  let quote = '';
  const push = (pipesTo: boolean) => {
    const text = cur.trim();
    cur = '';
    if (!text) return;
    const raw = tokenize(text);
    let k = 0;
    while (k < raw.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(raw[k]!)) k++;
    while (k < raw.length && WRAPPERS.has(raw[k]!)) {
      k++;
      while (k < raw.length && raw[k]!.startsWith('-')) k++;
      while (k < raw.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(raw[k]!)) k++;
    }
    out.push({ words: raw.slice(k).map(unquote), text, pipesTo });
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"') cur += script[++i] ?? '';
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === '\\' && script[i + 1] === '\n') i++;
    else if (c === '#' && (cur === '' || /\s$/.test(cur))) {
      while (i < script.length && script[i] !== '\n') i++;
      push(false);
    } else if (c === '&' || c === ';' || c === '\n') {
      if (c === '&' && script[i + 1] === '&') i++;
      push(false);
    } else if (c === '|') {
      if (script[i + 1] === '|') {
        i++;
        push(false);
      } else push(true);
    } else if (c === '(' || c === ')' || c === '{' || c === '}') {
      if (cur.trim() === '' || /\s$/.test(cur)) push(false);
      else cur += c;
    } else cur += c;
  }
  push(false);
  return out;
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (/\s/.test(c)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** The command's program name without a path (`/usr/bin/apt-get` → `apt-get`). */
export function program(cmd: SimpleCommand): string {
  return (cmd.words[0] ?? '').replace(/^.*\//, '');
}

/** Commands running `prog` with subcommand `sub` anywhere in their words (`apt-get -y install`). */
export function findCommands(
  cmds: readonly SimpleCommand[],
  prog: string | RegExp,
  sub?: string | RegExp,
): SimpleCommand[] {
  return cmds.filter((c) => {
    const p = program(c);
    if (typeof prog === 'string' ? p !== prog : !prog.test(p)) return false;
    if (sub === undefined) return true;
    return c.words.slice(1).some((w) => (typeof sub === 'string' ? w === sub : sub.test(w)));
  });
}

export function hasFlag(cmd: SimpleCommand, ...flags: string[]): boolean {
  return cmd.words.some(
    (w) => flags.includes(w) || flags.some((f) => f.startsWith('--') && w.startsWith(`${f}=`)),
  );
}

/** Short-option clusters: `-qy` has `y`. */
export function hasShortFlag(cmd: SimpleCommand, letter: string): boolean {
  return cmd.words.some((w) => /^-[A-Za-z]+$/.test(w) && w.includes(letter));
}
