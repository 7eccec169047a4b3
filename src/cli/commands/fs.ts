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
        'scan a directory such as a repository checkout: lockfiles and manifests, secrets, malware',
      )
      .argument('<dir>', 'directory')
      .option('--skip-dirs <list>', 'comma-separated directories (relative to DIR) to leave out');
    addCommonScanOptions(cmd, { cache: false }).action(async (dir: string, flags: CommonScanFlags) => {
      const progress = progressReporter(io, flags.quiet);
      let report;
      try {
        const opts = await withThreatOptions(scanOptionsFrom(flags, io), flags, io);
        report = await scanFilesystem(dir, { ...opts, onProgress: progress.onProgress });
      } finally {
        progress.done();
      }
      setExit(await emitReport(report, flags, io));
    });
  },
};
