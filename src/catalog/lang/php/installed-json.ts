// See composer.ts for the format.
import { fileAnalyzer } from '../common.js';
import { parseInstalledJson } from './composer.js';

export const phpInstalledJson = fileAnalyzer({
  id: 'php-installed-json',
  version: 1,
  required: (path) =>
    path === 'vendor/composer/installed.json' || path.endsWith('/vendor/composer/installed.json'),
  parse: parseInstalledJson,
});
