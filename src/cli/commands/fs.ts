import { scanFilesystem } from '../../scan/filesystem.js';
import type { CommandModule } from '../command.js';
import {
  addCommonScanOptions,
  emitReport,
  progressReporter,
  scanOptionsFrom,
  type CommonScanFlags,
} from '../scan-common.js';

export const fsCommand: CommandModule = {
  name: 'fs',
  register(program, { io, setExit }) {
    const cmd = program
      .command('fs')
      .description(
        'scan a project directory: lockfiles and manifests (package-lock.json, poetry.lock, go.mod, pom.xml, …) and installed packages',
      )
      .argument('<dir>', 'directory')
      .option('--skip-dirs <list>', 'comma-separated directories (relative to <dir>) to leave out');
    addCommonScanOptions(cmd, { cache: false, lockfiles: false }).action(
      async (dir: string, flags: CommonScanFlags) => {
        const progress = progressReporter(io, flags.quiet);
        let report;
        try {
          report = await scanFilesystem(dir, {
            ...scanOptionsFrom(flags, io),
            onProgress: progress.onProgress,
          });
        } finally {
          progress.done();
        }
        setExit(await emitReport(report, flags, io));
      },
    );
  },
};
