// See composer.ts for the format.
import { lockfileAnalyzer } from '../common.js';
import { parseComposerLock } from './composer.js';

export const phpComposerLock = lockfileAnalyzer({
  id: 'php-composer-lock',
  version: 2,
  names: ['composer.lock'],
  parse: parseComposerLock,
});
