// `palisade registry login|logout|scan`: credentials stored as docker stores them, and a hygiene scan
// of a whole registry (or some repositories of it).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PalisadeError } from '../../core/errors.js';
import { formatRegistryScan, scanRegistry, type RegistryScanOptions } from '../../scan/registry.js';
import { RegistryAuth } from '../../sources/registry/auth.js';
import { eraseCredentials, storeCredentials } from '../../sources/registry/credentials.js';
import { makeTransport } from '../../sources/registry/options.js';
import { apiHost, DOCKER_HUB } from '../../sources/registry/reference.js';
import type { CommandModule } from '../command.js';
import { addRegistryOptions, registryOptionsFrom, type RegistryFlags } from '../registry-flags.js';
import {
  addCommonScanOptions,
  parseOutputs,
  parseSeverities,
  scanOptionsFrom,
  type CommonScanFlags,
} from '../scan-common.js';
import { withThreatOptions } from '../threat-flags.js';

function normaliseHost(arg: string | undefined): string {
  if (!arg) return DOCKER_HUB;
  let h = arg.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (h === 'index.docker.io' || h === 'registry-1.docker.io') h = DOCKER_HUB;
  if (!/^[a-zA-Z0-9.-]+(?::\d+)?$|^\[[0-9a-fA-F:.]+\](?::\d+)?$/.test(h))
    throw new PalisadeError('USAGE', `${arg}: not a registry host`);
  return h;
}

export const registryCommand: CommandModule = {
  name: 'registry',
  register(program, { io, setExit }) {
    const reg = program.command('registry').description('log in to registries and scan what they hold');

    const login = reg
      .command('login')
      .description(
        'check credentials against a registry and store them as docker login does (config.json or its credential helper)',
      )
      .argument('[server]', 'registry host[:port] (default Docker Hub)');
    addRegistryOptions(login, { imageSrc: false }).action(
      async (server: string | undefined, flags: RegistryFlags) => {
        const host = normaliseHost(server);
        if (flags.username === undefined || !flags.passwordStdin)
          throw new PalisadeError('USAGE', `registry login ${host}: give --username and --password-stdin`);
        const access = await registryOptionsFrom(flags, io);
        const transport = makeTransport(access, io.env);
        try {
          const creds = {
            username: access.username!,
            password: access.password!,
            source: '--username/--password-stdin',
          };
          const auth = new RegistryAuth(host, transport, async () => creds);
          await auth.verifyLogin(await transport.baseUrl(apiHost(host)));
          const { path, helper } = await storeCredentials(
            host,
            { username: creds.username, password: creds.password },
            io.env,
          );
          io.stdout.write(
            `Login Succeeded (${host}; stored in ${helper ? `docker-credential-${helper}` : path})\n`,
          );
        } finally {
          transport.close();
        }
      },
    );

    reg
      .command('logout')
      .description('remove stored credentials for a registry')
      .argument('[server]', 'registry host[:port] (default Docker Hub)')
      .action(async (server: string | undefined) => {
        const host = normaliseHost(server);
        const found = await eraseCredentials(host, io.env);
        io.stdout.write(found ? `Removed login credentials for ${host}\n` : `Not logged in to ${host}\n`);
      });

    const scan = reg
      .command('scan')
      .description(
        'scan every image in a registry (or in some repositories): each unique manifest once, plus stale images and images whose base has a newer version in the same registry',
      )
      .argument('<target...>', 'HOST, or HOST/REPO (several allowed)')
      .option('--stale-days <days>', 'report images created or pushed longer ago than this', '90')
      .option('--max-images <n>', 'stop after this many unique images', '1000')
      .option('--tags <n>', 'newest tags to scan per repository (0 = all)', '0')
      .option(
        '--platform <os/arch[/variant]>',
        'platform to pick from multi-platform indexes',
        'linux/amd64',
      );
    addRegistryOptions(addCommonScanOptions(scan), { imageSrc: false }).action(
      async (
        targets: string[],
        flags: CommonScanFlags &
          RegistryFlags & { staleDays: string; maxImages: string; tags: string; platform: string },
      ) => {
        const staleDays = Number(flags.staleDays);
        if (!(staleDays >= 0))
          throw new PalisadeError('USAGE', `--stale-days ${flags.staleDays}: expected a number of days`);
        const maxImages = Number(flags.maxImages);
        if (!Number.isInteger(maxImages) || maxImages < 1)
          throw new PalisadeError('USAGE', `--max-images ${flags.maxImages}: expected a positive integer`);
        const tagsPerRepo = Number(flags.tags);
        if (!Number.isInteger(tagsPerRepo) || tagsPerRepo < 0)
          throw new PalisadeError('USAGE', `--tags ${flags.tags}: expected 0 or more`);
        if (flags.format !== 'json' && flags.format !== 'table')
          throw new PalisadeError(
            'USAGE',
            `--format ${flags.format}: registry scan writes table or json (scan one image with \`palisade image\` for other formats)`,
          );
        const outs = parseOutputs(flags.format, flags.output);
        if (outs.length !== 1 || outs[0]!.format !== flags.format)
          throw new PalisadeError(
            'USAGE',
            '--output: registry scan writes one report (-o FILE), no FMT=FILE',
          );
        const outFile = outs[0]!.file;
        const o: RegistryScanOptions = {
          ...(await withThreatOptions(await scanOptionsFrom(flags, io), flags, io)),
          platform: flags.platform,
          registry: await registryOptionsFrom(flags, io),
          staleDays,
          maxImages,
          tagsPerRepo,
        };
        const result = await scanRegistry(targets, o);
        const sev = parseSeverities(flags.severity);
        if (sev)
          for (const img of result.images)
            if (img.report) img.report.findings = img.report.findings.filter((f) => sev.has(f.severity));
        const text =
          flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatRegistryScan(result);
        if (outFile) await writeFile(resolve(io.cwd, outFile), text);
        else io.stdout.write(text);
        if (!flags.quiet)
          for (const w of result.warnings.slice(0, 20)) io.stderr.write(`warning: ${w.message}\n`);
        if (flags.exitCode !== undefined) {
          const code = Number(flags.exitCode);
          if (!Number.isInteger(code) || code < 0 || code > 255)
            throw new PalisadeError('USAGE', `--exit-code ${flags.exitCode}: expected 0-255`);
          const any =
            result.images.some((i) => (i.report?.findings.length ?? 0) > 0) ||
            result.stale.length > 0 ||
            result.outdatedBase.length > 0;
          if (any) setExit(code);
        }
      },
    );
  },
};
