// The esbuild options of the CLI bundle (scripts/bundle.mjs), shared with benchmarks that load the
// shipped code the way the CLI does (bench/report.mjs bundles the report writers with them).
export function bundleOptions(root) {
  return {
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
  };
}
