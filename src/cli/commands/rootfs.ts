import { scanRootfs } from '../../scan/filesystem.js';
import type { CommandModule } from '../command.js';
import { addCommonScanOptions, runScanVerb, type CommonScanFlags } from '../scan-common.js';

export const rootfsCommand: CommandModule = {
  name: 'rootfs',
  register(program, ctx) {
    const cmd = program
      .command('rootfs')
      .description(
        "scan a root filesystem directory (an unpacked image, or this machine's /): installed packages only",
      )
      .argument('<dir>', 'root directory')
      .option(
        '--skip-dirs <list>',
        'comma-separated directories (relative to the root) to leave out; proc, sys and dev always are',
      );
    addCommonScanOptions(cmd, { cache: false }).action((dir: string, flags: CommonScanFlags) =>
      runScanVerb(flags, ctx, (opts) => scanRootfs(dir, opts)),
    );
  },
};
