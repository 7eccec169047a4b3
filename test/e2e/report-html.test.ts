// The HTML report in a real browser: Debian's chromium, headless, driven by playwright-core. It must
// render with no console errors and no network request, draw its three charts and its tables, and
// filter. Screenshots are kept in test/e2e/out/ (PALISADE_ARTIFACTS overrides) for a person to look at.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { htmlReport } from '../../src/report/html.js';
import { buildSuppressedSample, syntheticReport } from '../../src/testing/sample-report.js';

const CHROMIUM = process.env.PALISADE_CHROMIUM ?? '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} not found: apt-get install chromium (CI: .ci/setup.d/70-reports.sh)`;
const ARTIFACTS = resolve(
  process.env.PALISADE_ARTIFACTS ?? fileURLToPath(new URL('./out/', import.meta.url)),
);

// the flags the brief for headless runs on CI machines asks for; playwright adds --headless
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('HTML report in headless Chromium', { skip }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pal-html-'));
  let ctx: BrowserContext;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    ctx = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
  });
  after(async () => {
    await ctx?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function open(
    html: string,
    name: string,
  ): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const file = join(tmp, `${name}.html`);
    writeFileSync(file, html);
    const page = await ctx.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  test('sample report: renders, no console errors, no network, charts, tables, filters', async () => {
    const report = await buildSuppressedSample();
    const { page, errors, requests } = await open(htmlReport(report), 'sample');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
    assert.equal(await page.locator('figure.chart svg').count(), 3);
    assert.equal(await page.locator('#tables tbody tr').count(), report.findings.length);
    assert.equal(
      await page.locator('#count').textContent(),
      `${report.findings.length} of ${report.findings.length} findings match`,
    );
    assert.equal(await page.locator('details summary', { hasText: 'Suppressed findings (3)' }).count(), 1);
    // severity filter: only critical
    for (const s of ['high', 'medium', 'low', 'unknown'])
      await page.locator(`input[data-sev="${s}"]`).uncheck();
    const critical = report.findings.filter((f) => f.severity === 'critical').length;
    assert.equal(await page.locator('#tables tbody tr:visible').count(), critical);
    await page.locator('#f-reset').click();
    await page.locator('#f-q').fill('lodash');
    assert.equal(await page.locator('#tables tbody tr:visible').count(), 2);
    await page.locator('#f-reset').click();
    // a chart bar filters the tables: the fix-available bar
    await page.locator('#chart-fix g.bar[data-filter="fix:yes"]').click();
    const fixable = report.findings.filter(
      (f) => f.kind === 'vulnerability' && f.fixedVersions?.length,
    ).length;
    assert.equal(await page.locator('#tables tbody tr:visible').count(), fixable);
    await page.locator('#f-reset').click();
    await page.screenshot({ path: join(ARTIFACTS, 'report-html-sample.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('5,000 findings: ≤ 2 MB, renders and filters in the browser without errors', async () => {
    const report = syntheticReport(5000);
    const html = htmlReport(report);
    assert.ok(html.length <= 2 * 1024 * 1024, `${html.length} bytes`);
    const t0 = performance.now();
    const { page, errors, requests } = await open(html, 'big');
    const loadMs = performance.now() - t0;
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
    await page.screenshot({ path: join(ARTIFACTS, 'report-html-5000.png') });
    const count = async () => Number((await page.locator('#count').textContent())!.split(' ')[0]);
    assert.equal(await count(), report.findings.length);
    // tables show a page of rows each, with a button for more
    const vulnRows = page.locator('#kind-vulnerability tbody tr');
    assert.equal(await vulnRows.count(), 200);
    await page.locator('#kind-vulnerability button.more').click();
    assert.equal(await vulnRows.count(), 1200);
    await page.locator('#f-q').fill('pkg-7');
    const n = await count();
    assert.ok(n > 0 && n < report.findings.length, String(n));
    await page.locator('input[data-sev="unknown"]').uncheck();
    assert.ok((await count()) <= n);
    await page.locator('#f-reset').click();
    assert.equal(await count(), report.findings.length);
    console.log(
      `# 5,000-finding HTML: ${(html.length / 1e6).toFixed(2)} MB, opened in ${loadMs.toFixed(0)} ms`,
    );
    await page.close();
  });
});
