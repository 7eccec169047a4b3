#!/usr/bin/env node
// Rebuilds the embedded vulnerability snapshot (data/vulndb/) from ../shared/data/advisories.
// Usage: node scripts/build-vulndb-snapshot.mjs [advisories-dir]
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const { buildSnapshot } = await import('../src/vulndb/snapshot.ts');
const { sharedAdvisories, repoRoot } = await import('../src/vulndb/shared-data.ts');
const dir = process.argv[2] ?? sharedAdvisories;
const t0 = performance.now();
const r = await buildSnapshot(dir, `${repoRoot}/data/vulndb`);
for (const s of r.sources)
  console.log(`${s.name.padEnd(28)} ${String(s.records).padStart(7)} records  ${s.date ?? ''}`);
console.log(
  `data/vulndb/snapshot.db.gz: ${(r.bytes / 1e6).toFixed(2)} MB (SQLite ${(r.dbBytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
if (r.bytes > 8 * 1024 * 1024) {
  console.error('snapshot exceeds 8 MB');
  process.exit(1);
}
