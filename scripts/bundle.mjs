#!/usr/bin/env node
// Bundles the CLI into one ESM file (dist/bundle/palisade.mjs, with lazily imported parts split into chunks). Startup matters for warm scans and CI gates:
// resolving and loading hundreds of small modules costs more than the scan itself when every layer
// is cached. Lazily imported verbs and writers stay lazy inside the bundle (evaluated on first use).
// Native addons stay external and load from node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outdir: `${root}dist/bundle`,
  entryNames: 'palisade',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minify: true,
  keepNames: false,
  legalComments: 'linked',
  // native addons, and optional plugins of the CycloneDX library that it probes for with try/require
  external: [
    'better-sqlite3',
    '@litko/yara-x',
    'libxmljs2',
    'xmlbuilder2',
    'ajv',
    'ajv-formats',
    'ajv-formats-draft2019',
    'ajv/*',
  ],
  // CommonJS dependencies call require() and read __dirname/__filename (the CycloneDX library, at
  // load, for its resource paths); give every ESM output file its own
  banner: {
    js: "import { createRequire as __palisadeRequire } from 'node:module'; import { fileURLToPath as __palisadeFileURLToPath } from 'node:url'; const require = __palisadeRequire(import.meta.url); const __filename = __palisadeFileURLToPath(import.meta.url); const __dirname = __palisadeFileURLToPath(new URL('.', import.meta.url));",
  },
  logLevel: 'warning',
});
