/**
 * Renders a fixture's report.html, opens it in headless Chromium and saves
 * a screenshot (for docs/images/conformance-report.png). Also checks, in a
 * real browser, what the unit tests cannot: the page makes no request
 * besides itself, the script raises no error, filtering hides rows, and
 * following a failure link opens its <details>.
 *
 *   npx tsx test/reports/screenshot.ts [fixture] [out.png]
 *
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from '../../reports/conformance/html.ts';
import { FIXTURES } from './fixtures.ts';

const fixtureName = process.argv[2] ?? 'mixed';
const outPath = process.argv[3] ?? 'docs/images/conformance-report.png';
const makeReport = FIXTURES[fixtureName];
if (makeReport === undefined) throw new Error(`unknown fixture ${JSON.stringify(fixtureName)}; one of ${Object.keys(FIXTURES).join(', ')}`);

const dir = await mkdtemp(join(tmpdir(), 'streamconform-html-'));
const htmlPath = join(dir, 'report.html');
await writeFile(htmlPath, renderHtml(makeReport()), 'utf8');
const pageUrl = pathToFileURL(htmlPath).href;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pageUrl);

  const rowCount = await page.locator('table.matrix tbody tr').count();
  await page.selectOption('#filter-status', 'failed');
  const failedRows = await page.locator('table.matrix tbody tr:visible').count();
  await page.selectOption('#filter-status', '');
  const linked = page.locator('table.matrix a[href^="#fail-"]').last();
  const target = (await linked.getAttribute('href')) ?? '';
  await linked.click();
  const opened = await page.locator(`details${target}`).evaluate((element) => (element as HTMLDetailsElement).open);
  await page.locator('details.failure[data-verdicts~="failed"]').first().evaluate((element) => {
    (element as HTMLDetailsElement).open = true;
  });

  const checks = {
    onlyRequestIsThePage: requests.every((url) => url === pageUrl),
    noScriptErrors: errors.length === 0,
    filterHidesRows: failedRows > 0 && failedRows < rowCount,
    linkOpensDetails: opened,
  };
  console.log(JSON.stringify({ rowCount, failedRows, target, requests, errors, checks }, null, 2));

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: outPath, fullPage: true });
  console.log(`wrote ${outPath}`);
  if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
