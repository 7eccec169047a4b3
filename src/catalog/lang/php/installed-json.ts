// See composer.ts for the format.
import type { Analyzer } from '../../analyzer.js';
import { safely } from '../common.js';
import { parseInstalledJson } from './composer.js';

export const phpInstalledJson = {
  id: 'php-installed-json',
  version: 1,
  required: (path) =>
    path === 'vendor/composer/installed.json' || path.endsWith('/vendor/composer/installed.json'),
  analyze: ({ path, read }) =>
    safely('php-installed-json', path, async () => parseInstalledJson(await read(), path)),
} as const satisfies Analyzer;
