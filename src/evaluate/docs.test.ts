import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderChecksDoc } from './docs.js';
import { builtinChecks } from './registry.js';

test('docs/checks.md is generated from the registry and up to date', () => {
  const path = new URL('../../docs/checks.md', import.meta.url);
  const current = readFileSync(path, 'utf8');
  assert.equal(current, renderChecksDoc(), 'docs/checks.md is stale: run `npm run docs:checks`');
  for (const c of builtinChecks)
    assert.ok(current.includes(`### ${c.id}:`), `${c.id} missing from docs/checks.md`);
});

test('check ids are unique and follow PAL-<PACK>-NNN', () => {
  const seen = new Set<string>();
  for (const c of builtinChecks) {
    assert.match(c.id, /^PAL-(IMG|DF|K8S|COMPOSE)-\d{3}$/);
    assert.ok(!seen.has(c.id), `duplicate id ${c.id}`);
    seen.add(c.id);
    assert.ok(c.title && c.message && c.remediation, `${c.id} lacks title, message or remediation`);
  }
});
