// See nuget.ts for the format.
import type { Analyzer } from '../../analyzer.js';
import { safely } from '../common.js';
import { parseDepsJson } from './nuget.js';

export const dotnetDepsJson = {
  id: 'dotnet-deps-json',
  version: 1,
  required: (path) => path.endsWith('.deps.json'),
  analyze: ({ path, read }) =>
    safely('dotnet-deps-json', path, async () => parseDepsJson(await read(), path)),
} as const satisfies Analyzer;
