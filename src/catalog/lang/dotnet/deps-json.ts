// See nuget.ts for the format.
import { fileAnalyzer } from '../common.js';
import { parseDepsJson } from './nuget.js';

export const dotnetDepsJson = fileAnalyzer({
  id: 'dotnet-deps-json',
  version: 1,
  required: (path) => path.endsWith('.deps.json'),
  parse: parseDepsJson,
});
