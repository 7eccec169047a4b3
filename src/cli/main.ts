// The CLI entry: parses argv, runs one verb, maps errors to exit codes. The only place (with bin/)
// that decides the process outcome; commands report through ctx.setExit and throw PalisadeError.
import { Command, CommanderError } from 'commander';
import { errorMessage, isPalisadeError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { commands } from './commands/index.js';
import { EXIT, processIO, type CliIO } from './io.js';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exit: number = EXIT.OK;
  const program = new Command('palisade')
    .description('Container security scanner: images, registries, Kubernetes, hosts and runtime')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const ctx = {
    io,
    setExit(code: number) {
      exit = Math.max(exit, code);
    },
  };
  // register only the verb being run; nothing for --version; everything for help and unknown verbs
  const verb = argv.find((a) => !a.startsWith('-'));
  const entry = commands.find((c) => c.name === verb);
  const versionOnly = !verb && argv.length > 0 && argv.every((a) => a === '-v' || a === '--version');
  for (const c of entry ? [entry] : versionOnly ? [] : commands) (await c.load()).register(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are "errors" in commander's exitOverride world
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version')
        return EXIT.OK;
      return EXIT.USAGE;
    }
    if (isPalisadeError(e)) {
      io.stderr.write(`palisade: ${e.message}\n`);
      if (io.env.PALISADE_DEBUG && e.stack) io.stderr.write(`${e.stack}\n`);
      return e.isUserError ? EXIT.USAGE : EXIT.INTERNAL;
    }
    io.stderr.write(`palisade: internal error: ${errorMessage(e)}\n`);
    if (e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return EXIT.INTERNAL;
  }
  return exit;
}
