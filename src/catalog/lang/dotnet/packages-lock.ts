// See nuget.ts for the format.
import type { Analyzer } from '../../analyzer.js';
import { basename, safely } from '../common.js';
import { parsePackagesLock } from './nuget.js';

export const dotnetPackagesLock = {
  id: 'dotnet-packages-lock',
  version: 1,
  modes: ['fs'],
  required: (path) => basename(path) === 'packages.lock.json',
  analyze: ({ path, read }) =>
    safely('dotnet-packages-lock', path, async () => parsePackagesLock(await read(), path)),
} as const satisfies Analyzer;
