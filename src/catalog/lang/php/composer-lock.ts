// See composer.ts for the format.
import type { Analyzer } from '../../analyzer.js';
import { basename, safely } from '../common.js';
import { parseComposerLock } from './composer.js';

export const phpComposerLock = {
  id: 'php-composer-lock',
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'composer.lock' && !path.includes('vendor/'),
  analyze: ({ path, read }) =>
    safely('php-composer-lock', path, async () => parseComposerLock(await read(), path)),
} as const satisfies Analyzer;
