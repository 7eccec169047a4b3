#!/usr/bin/env node
// Runs node:test over the TypeScript test files through tsx. Node 20's --test takes no globs, so the
// file list is built here. `--unit` runs src/**/*.test.ts only, `--e2e` test/e2e/**/*.test.ts only;
// extra arguments after `--` go to node (e.g. -- --test-name-pattern=dpkg).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const sep = args.indexOf('--');
const own = sep >= 0 ? args.slice(0, sep) : args;
const passthrough = sep >= 0 ? args.slice(sep + 1) : [];
const onlyUnit = own.includes('--unit');
const onlyE2e = own.includes('--e2e');
const filters = own.filter((a) => !a.startsWith('--'));

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'testdata' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

let files = [];
if (!onlyE2e) files.push(...walk(join(root, 'src'), []));
if (!onlyUnit) files.push(...walk(join(root, 'test'), []));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
files.sort();
if (files.length === 0) {
  console.error('scripts/test.mjs: no test files matched');
  process.exit(2);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...passthrough, ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
