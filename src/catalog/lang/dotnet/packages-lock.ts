// See nuget.ts for the format.
import { lockfileAnalyzer } from '../common.js';
import { parsePackagesLock } from './nuget.js';

export const dotnetPackagesLock = lockfileAnalyzer({
  id: 'dotnet-packages-lock',
  version: 2,
  names: ['packages.lock.json'],
  parse: parsePackagesLock,
});
