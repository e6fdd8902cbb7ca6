/**
 * Screenshots a rendered load.html with headless Chromium (for the docs):
 * `npx tsx load/tools/screenshot.ts reports/out/load.html docs/images/load-report.png [width]`.
 * Needs Chromium at /usr/bin/chromium (`apt-get install -y chromium`) or CHROMIUM_PATH.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [input, output, widthText] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: tsx load/tools/screenshot.ts <load.html> <out.png> [width]');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath}; install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(widthText ?? 1320), height: 900 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(resolve(input)).href);
  await page.screenshot({ path: output, fullPage: true });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
}
