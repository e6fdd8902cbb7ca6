/**
 * Headless Chromium for the `--browser` profile (BROWSER-001..004): Debian's
 * `chromium` (or any Chromium/Chrome binary named by `STREAMCONFORM_CHROMIUM`)
 * driven by `playwright-core`. No browser is downloaded: a missing one is a
 * {@link BrowserUnavailableError} saying how to install it.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian/Ubuntu's `apt-get install chromium` puts it. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The flags Chromium runs with: headless, no sandbox (containers, root), nothing talking to the network on its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** How to get a browser, shown whenever none can be used. */
export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `apt-get install chromium`), or set STREAMCONFORM_CHROMIUM to a Chromium/Chrome binary.';

/** The Chromium binary the suite uses: `$STREAMCONFORM_CHROMIUM`, else {@link DEFAULT_CHROMIUM}. */
export function chromiumExecutable(): string {
  const configured = process.env.STREAMCONFORM_CHROMIUM;
  return configured !== undefined && configured !== '' ? configured : DEFAULT_CHROMIUM;
}

/** Error codes of {@link BrowserUnavailableError}. */
export type BrowserUnavailableCode = 'BROWSER_UNAVAILABLE';

/** No usable Chromium: the CLI exits 2 with this message (`--browser`). */
export class BrowserUnavailableError extends Error {
  override readonly name = 'BrowserUnavailableError';
  readonly code: BrowserUnavailableCode = 'BROWSER_UNAVAILABLE';
  readonly executable: string;
  constructor(
    executable: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the browser profile needs Chromium, and ${executable} ${reason}. ${INSTALL_HINT}`, options);
    this.executable = executable;
  }
}

/**
 * Throws a {@link BrowserUnavailableError} unless the Chromium binary exists
 * and is executable. Cheap (no launch): call it before a `--browser` run.
 */
export async function assertBrowserAvailable(): Promise<void> {
  const executable = chromiumExecutable();
  let isFile: boolean;
  try {
    isFile = statSync(executable).isFile();
  } catch {
    const from = process.env.STREAMCONFORM_CHROMIUM ? ' (from STREAMCONFORM_CHROMIUM)' : '';
    throw new BrowserUnavailableError(executable, `does not exist${from}`);
  }
  if (!isFile) throw new BrowserUnavailableError(executable, 'is not a file');
  try {
    accessSync(executable, constants.X_OK);
  } catch (error) {
    throw new BrowserUnavailableError(executable, 'is not executable', { cause: error });
  }
}

/**
 * Launches headless Chromium ({@link CHROMIUM_ARGS}). Throws a
 * {@link BrowserUnavailableError} when the binary is missing or does not start.
 */
export async function launchChromium(options: { timeoutMs?: number } = {}): Promise<Browser> {
  await assertBrowserAvailable();
  const executable = chromiumExecutable();
  try {
    return await chromium.launch({
      executablePath: executable,
      args: [...CHROMIUM_ARGS],
      timeout: options.timeoutMs ?? 15_000,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BrowserUnavailableError(executable, `did not start (${reason})`, { cause: error });
  }
}
