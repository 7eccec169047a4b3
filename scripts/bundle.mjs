#!/usr/bin/env node
// Bundles the CLI into one ESM file (dist/bundle/palisade.mjs, with lazily imported parts split into chunks). Startup matters for warm scans and CI gates:
// resolving and loading hundreds of small modules costs more than the scan itself when every layer
// is cached. Lazily imported verbs and writers stay lazy inside the bundle (evaluated on first use).
// Native addons stay external and load from node_modules.
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// chunk names carry content hashes: start empty so no stale chunk of an earlier build ships
rmSync(`${root}dist/bundle`, { recursive: true, force: true });
await build(bundleOptions(root));
