#!/usr/bin/env node
import { existsSync } from 'node:fs';

// The single-file bundle starts fastest; the per-module build is the fallback (and the library).
const bundle = new URL('../dist/bundle/palisade.mjs', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
