import { Option } from 'commander';
import { scanImage } from '../../scan/image.js';
import type { CommandModule } from '../command.js';
import {
  addRegistryOptions,
  parseImageSrc,
  registryOptionsFrom,
  type RegistryFlags,
} from '../registry-flags.js';
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
        'scan a container image: in a registry (NAME[:TAG|@DIGEST]), in the Docker engine (docker:NAME), a docker-archive or oci-archive tarball, an OCI layout directory (oci:DIR[:TAG]), or a path (format detected)',
      )
      .argument(
        '<ref>',
        'image reference: REGISTRY/REPO[:TAG|@DIGEST], docker:NAME, PATH, docker-archive:PATH[:TAG], oci-archive:PATH[:TAG], oci:DIR[:TAG]',
      )
      .addOption(
        new Option('--platform <os/arch[/variant]>', 'platform to pick from a multi-platform index').default(
          'linux/amd64',
        ),
      );
    addRegistryOptions(addCommonScanOptions(cmd)).action(
      async (ref: string, flags: CommonScanFlags & RegistryFlags & { platform: string }) => {
        const progress = progressReporter(io, flags.quiet);
        const opts = {
          ...(await withThreatOptions(await scanOptionsFrom(flags, io), flags, io)),
          platform: flags.platform,
          onProgress: progress.onProgress,
          registry: await registryOptionsFrom(
            flags,
            io,
            io.env.PALISADE_DEBUG ? (l) => io.stderr.write(`debug: ${l}\n`) : undefined,
          ),
          imageSrc: parseImageSrc(flags.imageSrc),
        };
        let report;
        try {
          report = await scanImage(ref, opts);
        } finally {
          progress.done();
        }
        setExit(await emitReport(report, flags, io));
      },
    );
  },
};
