// `palisade sbom-scan FILE`: vulnerabilities (and licenses) of the packages a CycloneDX or SPDX JSON SBOM
// lists, matched like an image's, with every output format, ignore file, VEX and gate of the scans.
import { scanSbom } from '../../scan/sbom.js';
import type { CommandModule } from '../command.js';
import {
  addCommonScanOptions,
  emitReport,
  progressReporter,
  scanOptionsFrom,
  type CommonScanFlags,
} from '../scan-common.js';

export const sbomScanCommand: CommandModule = {
  name: 'sbom-scan',
  register(program, { io, setExit }) {
    const cmd = program
      .command('sbom-scan')
      .description(
        'scan the packages of an SBOM (CycloneDX or SPDX JSON, from Palisade, Syft, Trivy, cdxgen…) for vulnerabilities',
      )
      .argument('<file>', 'SBOM file');
    addCommonScanOptions(cmd, { cache: false, lockfiles: false, scanners: ['vuln'] }).action(
      async (file: string, flags: CommonScanFlags) => {
        const progress = progressReporter(io, flags.quiet);
        let report;
        try {
          report = await scanSbom(file, {
            ...(await scanOptionsFrom(flags, io)),
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
