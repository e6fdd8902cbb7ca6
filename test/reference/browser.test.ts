/** Headless Chromium opens the demo's page and receives SSE events through its own EventSource. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp } from '../../reference/demo/app.ts';
import { serve, type RunningServer } from '../../reference/index.ts';

const CHROMIUM = '/usr/bin/chromium';

let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: this test needs Chromium. Install it with: apt-get update && apt-get install -y chromium`);
  }
  server = await serve(createDemoApp({ delayScale: 0.01 }), { port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('browser', () => {
  it('the guide\'s "Test SSE" button fills #output with the events of /stream/sse', async () => {
    const page = await browser!.newPage();
    await page.goto(`${server!.url}/`);
    await page.getByRole('button', { name: 'Test SSE' }).click();
    await page.waitForFunction(() => (document.getElementById('output')?.textContent ?? '').trim().split('\n').length >= 10);
    const lines = (await page.locator('#output').textContent())!.trim().split('\n');
    expect(lines.slice(0, 10).map((line) => (JSON.parse(line) as { message: string }).message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Event ${i + 1}`),
    );
    await page.close();
  });

  it('the guide\'s "Test Streaming" button shows /stream/manual as it arrives', async () => {
    const page = await browser!.newPage();
    await page.goto(`${server!.url}/`);
    await page.getByRole('button', { name: 'Test Streaming' }).click();
    await page.waitForFunction(() => (document.getElementById('output')?.textContent ?? '').includes('Process finished!'));
    expect(await page.locator('#output').textContent()).toContain('Step 5 completed');
    await page.close();
  });

  it('the guide\'s SSE client page renders default events', async () => {
    const page = await browser!.newPage();
    await page.goto(`${server!.url}/sse-client`);
    await page.waitForFunction(() => document.querySelectorAll('#messages p').length >= 3);
    expect(await page.locator('#messages p').first().textContent()).toMatch(/^Default: \{"id":1,"message":"Event 1"/);
    await page.close();
  });
});
