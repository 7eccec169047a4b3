import { scanRootfs } from '../../scan/filesystem.js';
import type { CommandModule } from '../command.js';
import {
  addCommonScanOptions,
  emitReport,
  progressReporter,
  scanOptionsFrom,
  type CommonScanFlags,
} from '../scan-common.js';
import { withThreatOptions } from '../threat-flags.js';

export const rootfsCommand: CommandModule = {
  name: 'rootfs',
  register(program, { io, setExit }) {
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
    addCommonScanOptions(cmd, { cache: false }).action(async (dir: string, flags: CommonScanFlags) => {
      const progress = progressReporter(io, flags.quiet);
      let report;
      try {
        const opts = await withThreatOptions(await scanOptionsFrom(flags, io), flags, io);
        report = await scanRootfs(dir, { ...opts, onProgress: progress.onProgress });
      } finally {
        progress.done();
      }
      setExit(await emitReport(report, flags, io));
    });
  },
};
