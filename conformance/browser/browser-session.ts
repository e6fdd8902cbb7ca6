/**
 * One browser check's fixture: the implementation's app on a socket (the
 * scripted route plus the test page, same origin), ONE headless Chromium and
 * ONE page on it; each property run opens its own EventSource in that page.
 */
import type { Browser, Page } from 'playwright-core';
import { startScriptedServer, type ScriptedRun, type ScriptedServer } from '../drive/scripted-server.ts';
import { within } from '../drive/exchange.ts';
import type { CheckContext } from '../runner/check.ts';
import { launchChromium } from './chromium.ts';
import { collectExpression, testPageResponse, TEST_PAGE_PATH, type CollectSpec, type PageCollection } from './test-page.ts';

export interface BrowserSession {
  server: ScriptedServer;
  page: Page;
  /**
   * Opens an EventSource on `run` in the page and resolves with what Chromium
   * dispatched, after `errors` error events (default 1: the end of the
   * stream), a CLOSED state, or `timeoutMs`.
   */
  collect(run: ScriptedRun, spec: { types: readonly string[]; errors?: number; timeoutMs: number }): Promise<PageCollection>;
}

/** Runs `body` with a browser session, and closes the browser and the server after it (or when the check is aborted). */
export async function withBrowserSession(ctx: CheckContext, body: (session: BrowserSession) => Promise<void>): Promise<void> {
  const browser: Browser = await launchChromium();
  const onAbort = () => void browser.close().catch(() => {});
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let server: ScriptedServer | undefined;
  try {
    server = await startScriptedServer(ctx.adapter, [{ path: TEST_PAGE_PATH, handler: () => testPageResponse() }]);
    const page = await browser.newPage();
    const loaded = await page.goto(server.origin + TEST_PAGE_PATH, { timeout: 5000 });
    if (loaded === null || loaded.status() !== 200) {
      throw new Error(
        `the test page route (GET ${TEST_PAGE_PATH}, a handler returning new Response(html)) answered ${loaded === null ? 'nothing' : loaded.status()}: ` +
          'the browser checks need the app to pass a plain Response from a handler through',
      );
    }
    const scripted = server;
    await body({
      server: scripted,
      page,
      collect(run, spec) {
        const full: CollectSpec = { url: run.path, types: [...spec.types], errors: spec.errors ?? 1, timeoutMs: spec.timeoutMs };
        return within(page.evaluate(collectExpression(full)) as Promise<PageCollection>, spec.timeoutMs + 2000, 'the test page reporting back');
      },
    });
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await browser.close().catch(() => {});
    // Closing is not what these checks judge; a server that does not close costs at most 2 s.
    if (server) await within(server.close(), 2000, 'closing the server').catch(() => {});
  }
}
