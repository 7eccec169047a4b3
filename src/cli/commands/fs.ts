import { scanFilesystem } from '../../scan/filesystem.js';
import type { CommandModule } from '../command.js';
import {
  addCommonScanOptions,
  emitReport,
  progressReporter,
  scanOptionsFrom,
  type CommonScanFlags,
} from '../scan-common.js';
import { withThreatOptions } from '../threat-flags.js';

export const fsCommand: CommandModule = {
  name: 'fs',
  register(program, { io, setExit }) {
    const cmd = program
      .command('fs')
      .description(
        'scan a project directory: lockfiles and manifests (package-lock.json, poetry.lock, go.mod, pom.xml, …), installed packages, secrets, malware',
      )
      .argument('<dir>', 'directory')
      .option('--skip-dirs <list>', 'comma-separated directories (relative to <dir>) to leave out');
    addCommonScanOptions(cmd, { cache: false, lockfiles: false }).action(
      async (dir: string, flags: CommonScanFlags) => {
        const progress = progressReporter(io, flags.quiet);
        let report;
        try {
          report = await scanFilesystem(dir, {
            ...(await withThreatOptions(await scanOptionsFrom(flags, io), flags, io)),
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
