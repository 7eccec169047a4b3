import { Option } from 'commander';
import { scanImage } from '../../scan/image.js';
import type { CommandModule } from '../command.js';
import { addCommonScanOptions, runScanVerb, type CommonScanFlags } from '../scan-common.js';

export const imageCommand: CommandModule = {
  name: 'image',
  register(program, ctx) {
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
    addCommonScanOptions(cmd).action((ref: string, flags: CommonScanFlags & { platform: string }) =>
      runScanVerb(flags, ctx, (opts) => scanImage(ref, opts), { platform: flags.platform }),
    );
  },
};
