// `palisade config PATH…`: misconfiguration checks for Dockerfiles, Compose files, Kubernetes
// manifests, Helm charts and Kustomize directories, plus custom CEL policies. Output, the ignore
// file, VEX and the gates (--severity, --fail-on, --exit-code) are the shared ones of the scanning verbs.
import { PalisadeError } from '../../core/errors.js';
import { scanConfig } from '../../evaluate/config-scan.js';
import type { CommandModule } from '../command.js';
import { addReportOptions, emitReport, type CommonScanFlags } from '../scan-common.js';

interface ConfigFlags extends CommonScanFlags {
  policy: string[];
  allowedRegistries?: string;
  skipCheck: string[];
  buildArg: string[];
  helmValues: string[];
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function parseBuildArgs(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new PalisadeError('USAGE', `--build-arg: "${kv}" is not NAME=value`);
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

export const configCommand: CommandModule = {
  name: 'config',
  register(program, { io, setExit }) {
    const cmd = program
      .command('config')
      .description('check Dockerfiles, Compose files, Kubernetes manifests, Helm charts and kustomizations')
      .argument('<paths...>', 'files or directories (file types are detected)');
    addReportOptions(cmd)
      .option('--policy <file>', 'custom CEL policy file (repeatable)', collect, [])
      .option('--allowed-registries <list>', 'image registries workloads may pull from (comma-separated)')
      .option('--skip-check <id>', 'check id to skip (repeatable)', collect, [])
      .option('--build-arg <k=v>', 'Dockerfile build argument (repeatable)', collect, [])
      .option('--helm-values <file>', 'values file for helm template (repeatable)', collect, [])
      .action(async (paths: string[], flags: ConfigFlags) => {
        const report = await scanConfig(paths, {
          policyFiles: flags.policy,
          allowedRegistries: flags.allowedRegistries
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          skip: flags.skipCheck,
          buildArgs: parseBuildArgs(flags.buildArg),
          helmValues: flags.helmValues,
        });
        setExit(await emitReport(report, flags, io));
      });
  },
};
