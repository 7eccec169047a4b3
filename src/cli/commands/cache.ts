import { resolve } from 'node:path';
import { cleanCache, defaultCacheDir } from '../../extract/cache.js';
import type { CommandModule } from '../command.js';

export const cacheCommand: CommandModule = {
  name: 'cache',
  register(program, { io }) {
    const cache = program.command('cache').description('manage the layer cache');
    cache
      .command('clean')
      .description('remove every cached layer analysis')
      .option('--cache-dir <dir>', 'cache directory (default ~/.cache/palisade)')
      .action(async (flags: { cacheDir?: string }) => {
        const dir = flags.cacheDir ? resolve(io.cwd, flags.cacheDir) : defaultCacheDir(io.env);
        const { files, bytes } = await cleanCache(dir);
        io.stdout.write(`removed ${files} files (${(bytes / 1e6).toFixed(1)} MB) from ${dir}\n`);
      });
  },
};
