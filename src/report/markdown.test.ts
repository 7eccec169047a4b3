import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syntheticReport } from '../testing/sample-report.js';
import { MARKDOWN_LIMIT, markdownReport } from './markdown.js';

test('5,000 findings fit a PR comment: most severe kept, a note says how many are left out', () => {
  const report = syntheticReport(5000);
  const md = markdownReport(report);
  assert.ok(md.length < MARKDOWN_LIMIT, String(md.length));
  assert.ok(md.length > MARKDOWN_LIMIT * 0.8, `uses the room it has: ${md.length}`);
  const m = /Truncated to fit a comment: (\d+) of (\d+) findings shown/.exec(md);
  assert.ok(m, 'truncation note');
  assert.equal(Number(m[2]), report.findings.length);
  // the most severe are shown first: rows of a severity appear only once every worse one is shown
  const shown = Number(m[1]);
  const rows = (icon: string) => (md.match(new RegExp(`^\\| ${icon} `, 'gmu')) ?? []).length;
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  let before = 0;
  for (const [s, icon] of [
    ['critical', '🔴'],
    ['high', '🟠'],
    ['medium', '🟡'],
    ['low', '🔵'],
  ] as const) {
    assert.equal(rows(icon), Math.max(0, Math.min(count(s), shown - before)), s);
    before += count(s);
  }
  assert.match(md, /<details><summary>Suppressed: 100<\/summary>/);
  // balanced collapsible sections
  assert.equal(md.match(/<details>/g)!.length, md.match(/<\/details>/g)!.length);
});

test('a small report is complete, with no truncation note; cells cannot break the table', () => {
  const report = syntheticReport(20);
  const f = report.findings[0]!;
  f.title = 'pipe | and <script>alert(1)</script> and\nnewline';
  const md = markdownReport(report);
  assert.doesNotMatch(md, /Truncated/);
  assert.match(md, /pipe \\\| and &lt;script&gt;alert\(1\)&lt;\/script&gt; and newline/);
  assert.doesNotMatch(md, /<script>/);
});

test('a tiny limit still yields a valid, short comment', () => {
  const md = markdownReport(syntheticReport(500), 8000);
  assert.ok(md.length < 8000, String(md.length));
  assert.match(md, /Truncated/);
});
