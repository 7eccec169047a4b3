import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { Option } from 'commander';
import { PalisadeError } from '../../core/errors.js';
import { writerFor } from '../../report/index.js';
import type { ScanOptions } from '../../scan/options.js';
import { parseTarget, scanTarget } from '../../scan/target.js';
import type { CommandModule } from '../command.js';
import { EXIT } from '../io.js';
import { printWarnings, progressReporter } from '../scan-common.js';

interface SbomFlags {
  format: string;
  output?: string;
  quiet?: boolean;
  platform: string;
  includeLockfiles?: boolean;
  cacheDir?: string;
  cache?: boolean;
  skipDirs?: string;
}

export const sbomCommand: CommandModule = {
  name: 'sbom',
  register(program, { io, setExit }) {
    program
      .command('sbom')
      .description(
        'write a software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) of an image, root filesystem or directory',
      )
      .argument(
        '<target>',
        'rootfs:DIR (installed packages), fs:DIR or dir:DIR (lockfiles too), a directory (fs:, or an OCI layout when it holds oci-layout), or an image reference as `palisade image` takes it',
      )
      .addOption(
        new Option('-f, --format <format>', 'SBOM format')
          .choices(['cyclonedx', 'spdx'])
          .default('cyclonedx'),
      )
      .option('-o, --output <file>', 'write the SBOM to a file instead of stdout')
      .option('-q, --quiet', 'no progress or warnings on stderr')
      .addOption(
        new Option('--platform <os/arch[/variant]>', 'platform to pick from a multi-platform index').default(
          'linux/amd64',
        ),
      )
      .option('--include-lockfiles', 'images and rootfs: also read lockfiles and manifests')
      .option('--skip-dirs <list>', 'directories: comma-separated paths (relative to the root) to leave out')
      .option('--cache-dir <dir>', 'layer cache directory (default ~/.cache/palisade)')
      .option('--no-cache', 'do not read or write the layer cache')
      .action(async (arg: string, flags: SbomFlags) => {
        const target = await parseTarget(arg);
        if (target.kind === 'image' && flags.skipDirs)
          throw new PalisadeError('USAGE', '--skip-dirs applies to directories, not images');
        const progress = progressReporter(io, flags.quiet);
        const opts: ScanOptions = { scanners: [], env: io.env, platform: flags.platform };
        if (flags.includeLockfiles) opts.includeLockfiles = true;
        if (flags.cacheDir) opts.cacheDir = resolve(io.cwd, flags.cacheDir);
        if (flags.cache === false) opts.noCache = true;
        if (flags.skipDirs)
          opts.skipDirs = flags.skipDirs
            .split(',')
            .map((s) => s.trim().replace(/^\/+|\/+$/g, ''))
            .filter(Boolean);
        let report;
        try {
          report = await scanTarget(target, { ...opts, onProgress: progress.onProgress });
        } finally {
          progress.done();
        }
        const out = (await writerFor(flags.format)).render(report, {});
        if (flags.output !== undefined) await writeFile(resolve(io.cwd, flags.output), out);
        else io.stdout.write(out);
        if (!flags.quiet) printWarnings(report, io);
        setExit(EXIT.OK);
      });
  },
};
