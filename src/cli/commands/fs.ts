import { scanFilesystem } from '../../scan/filesystem.js';
import type { CommandModule } from '../command.js';
import { addCommonScanOptions, runScanVerb, type CommonScanFlags } from '../scan-common.js';

export const fsCommand: CommandModule = {
  name: 'fs',
  register(program, ctx) {
    const cmd = program
      .command('fs')
      .description(
        'scan a project directory: lockfiles and manifests (package-lock.json, poetry.lock, go.mod, pom.xml, …), installed packages, secrets, malware',
      )
      .argument('<dir>', 'directory')
      .option('--skip-dirs <list>', 'comma-separated directories (relative to <dir>) to leave out');
    addCommonScanOptions(cmd, { cache: false, lockfiles: false }).action(
      (dir: string, flags: CommonScanFlags) => runScanVerb(flags, ctx, (opts) => scanFilesystem(dir, opts)),
    );
  },
};
