import { Option } from 'commander';
import { scanImage } from '../../scan/image.js';
import type { CommandModule } from '../command.js';
import {
  addCommonScanOptions,
  emitReport,
  progressReporter,
  scanOptionsFrom,
  type CommonScanFlags,
} from '../scan-common.js';
import { withThreatOptions } from '../threat-flags.js';

export const imageCommand: CommandModule = {
  name: 'image',
  register(program, { io, setExit }) {
    const cmd = program
      .command('image')
      .description(
        'scan a container image: docker-archive or oci-archive tarball, OCI layout directory (oci:DIR[:TAG]), or a path (format detected)',
      )
      .argument(
        '<ref>',
        'image reference: PATH, docker-archive:PATH[:TAG], oci-archive:PATH[:TAG], oci:DIR[:TAG]',
      )
      .addOption(
        new Option('--platform <os/arch[/variant]>', 'platform to pick from a multi-platform index').default(
          'linux/amd64',
        ),
      );
    addCommonScanOptions(cmd).action(async (ref: string, flags: CommonScanFlags & { platform: string }) => {
      const progress = progressReporter(io, flags.quiet);
      const opts = {
        ...(await withThreatOptions(scanOptionsFrom(flags, io), flags, io)),
        platform: flags.platform,
        onProgress: progress.onProgress,
      };
      let report;
      try {
        report = await scanImage(ref, opts);
      } finally {
        progress.done();
      }
      setExit(await emitReport(report, flags, io));
    });
  },
};
