// A parsed Dockerfile as an engine Resource, and the helpers its checks share.
import type { InlineIgnores, Resource, Violation } from '../engine.js';
import { scanInlineIgnores } from '../suppress.js';
import {
  parseDockerfile,
  runScript,
  type Dockerfile,
  type Instruction,
  type ParseOptions,
} from './parser.js';
import { splitCommands, type SimpleCommand } from './shell.js';

export const DOCKERFILE_KIND = 'Dockerfile';

export function dockerfileResource(text: string, file: string, options: ParseOptions = {}): Resource {
  const df = parseDockerfile(text, options);
  const inlineIgnores: InlineIgnores = scanInlineIgnores(text);
  return {
    kind: DOCKERFILE_KIND,
    id: file,
    name: file,
    file,
    line: 1,
    object: {
      directives: df.directives,
      globalArgs: df.globalArgs,
      stages: df.stages.map((s) => ({
        index: s.index,
        name: s.name ?? null,
        base: s.base,
        line: s.line,
        instructions: s.instructions.map((i) => ({
          keyword: i.keyword,
          args: i.args,
          expanded: i.expanded,
          line: i.line,
          flags: i.flags,
        })),
      })),
    },
    inlineIgnores,
    extra: df,
  };
}

export function dockerfileOf(r: Resource): Dockerfile {
  return r.extra as Dockerfile;
}

const commandCache = new WeakMap<Instruction, SimpleCommand[]>();
/** The simple commands of a RUN instruction (cached). */
export function commandsOf(ins: Instruction): SimpleCommand[] {
  let c = commandCache.get(ins);
  if (!c) {
    c = ins.json
      ? [{ words: ins.json, text: ins.json.join(' '), pipesTo: false }]
      : splitCommands(runScript(ins));
    commandCache.set(ins, c);
  }
  return c;
}

/** Calls `fn` for each instruction with one of `keywords`; collects violations at its line. */
export function eachInstruction(
  df: Dockerfile,
  keywords: readonly string[],
  fn: (ins: Instruction) => string | string[] | undefined,
): Violation[] {
  const out: Violation[] = [];
  for (const ins of df.instructions) {
    if (!keywords.includes(ins.keyword)) continue;
    const r = fn(ins);
    for (const message of r === undefined ? [] : Array.isArray(r) ? r : [r])
      out.push({ message, line: ins.line });
  }
  return out;
}

/** Whether a RUN caches a directory through `--mount=type=cache,target=…` (then nothing is left behind). */
export function hasCacheMount(ins: Instruction, target: RegExp): boolean {
  return ins.flags.some(
    (f) => f.name === 'mount' && /type=cache/.test(f.value ?? '') && target.test(f.value ?? ''),
  );
}

export function isFinalStage(df: Dockerfile, ins: Instruction): boolean {
  return ins.stage === df.stages.length - 1;
}
