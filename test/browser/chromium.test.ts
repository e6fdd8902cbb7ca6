/**
 * The Chromium launcher: a missing or unusable binary is a
 * BrowserUnavailableError (code BROWSER_UNAVAILABLE) that says how to install
 * one; the machine's Chromium is there (the browser tests FAIL, never skip,
 * without it).
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertBrowserAvailable, BrowserUnavailableError, chromiumExecutable, DEFAULT_CHROMIUM, launchChromium } from '../../conformance/browser/chromium.ts';

const configured = process.env.STREAMCONFORM_CHROMIUM;
afterEach(() => {
  if (configured === undefined) delete process.env.STREAMCONFORM_CHROMIUM;
  else process.env.STREAMCONFORM_CHROMIUM = configured;
});

async function unavailable(action: () => Promise<unknown>): Promise<BrowserUnavailableError> {
  const error = await action().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BrowserUnavailableError);
  return error as BrowserUnavailableError;
}

describe('chromium', () => {
  it('is installed here (apt-get install chromium, or STREAMCONFORM_CHROMIUM)', async () => {
    await expect(assertBrowserAvailable()).resolves.toBeUndefined();
  });

  it('STREAMCONFORM_CHROMIUM names the binary; unset or empty means /usr/bin/chromium', () => {
    process.env.STREAMCONFORM_CHROMIUM = '/opt/chrome/chrome';
    expect(chromiumExecutable()).toBe('/opt/chrome/chrome');
    process.env.STREAMCONFORM_CHROMIUM = '';
    expect(chromiumExecutable()).toBe(DEFAULT_CHROMIUM);
    delete process.env.STREAMCONFORM_CHROMIUM;
    expect(chromiumExecutable()).toBe('/usr/bin/chromium');
  });

  it('a missing binary is BROWSER_UNAVAILABLE with the install instructions', async () => {
    process.env.STREAMCONFORM_CHROMIUM = '/nonexistent/streamconform/chromium';
    const error = await unavailable(() => assertBrowserAvailable());
    expect(error.code).toBe('BROWSER_UNAVAILABLE');
    expect(error.executable).toBe('/nonexistent/streamconform/chromium');
    expect(error.message).toContain('/nonexistent/streamconform/chromium does not exist (from STREAMCONFORM_CHROMIUM)');
    expect(error.message).toContain('apt-get install chromium');
    expect(error.message).toContain('set STREAMCONFORM_CHROMIUM to a Chromium/Chrome binary');
    // launching says the same, and never tries to download a browser
    expect((await unavailable(() => launchChromium())).message).toBe(error.message);
  });

  it('a file that is not executable, or a binary that does not start, is BROWSER_UNAVAILABLE too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'streamconform-chromium-'));
    const notExecutable = join(folder, 'chromium');
    writeFileSync(notExecutable, '#!/bin/sh\nexit 1\n');
    process.env.STREAMCONFORM_CHROMIUM = notExecutable;
    expect((await unavailable(() => assertBrowserAvailable())).message).toContain('is not executable');
    chmodSync(notExecutable, 0o755);
    const failing = await unavailable(() => launchChromium({ timeoutMs: 5000 }));
    expect(failing.message).toContain('did not start');
    expect(failing.message).toContain('apt-get install chromium');
    process.env.STREAMCONFORM_CHROMIUM = folder;
    expect((await unavailable(() => assertBrowserAvailable())).message).toContain('is not a file');
  });
});
