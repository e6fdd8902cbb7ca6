/**
 * Every example of the guide (`seed/streaming-guide.md`) at its own path,
 * written as close to the guide as possible, one module per section of the
 * guide in `examples/`. Where the guide cannot work as written, the change
 * is minimal and marked `// guide: ...`.
 *
 * Changes made everywhere:
 * - guide: every delay is multiplied by `delayScale` (`scaled(1000)`), so
 *   `--delay-scale 0.05` runs the demo in seconds.
 * - guide: the manual-stream examples write in a loop *before*
 *   `return stream.response`, so nothing reaches the client until the loop
 *   ends (and `/stream/resilient` never returns at all). Here the loop runs in
 *   the background (`inBackground`) after the response is returned, which is
 *   what streaming is for; a write that finds the client gone ends the loop.
 */
import { createApp, type App, type AppOptions } from '../index.ts';
import { bestPractices } from './examples/best-practices.ts';
import { chunkedTransfer } from './examples/chunked-transfer.ts';
import { exampleContext, type ExampleContext } from './examples/context.ts';
import { generatorStreaming } from './examples/generator-streaming.ts';
import { logStreaming } from './examples/log-streaming.ts';
import { manualStreaming } from './examples/manual-streaming.ts';
import { progressTracking } from './examples/progress-tracking.ts';
import { realTimeChat } from './examples/real-time-chat.ts';
import { serverSentEvents } from './examples/server-sent-events.ts';
import { BROWSER_TEST_PAGE, htmlResponse, SSE_CLIENT_PAGE } from './pages.ts';

/** Options of {@link createDemoApp}. */
export interface DemoOptions {
  /** Multiplies every delay of the guide (default 1). */
  delayScale?: number;
  /** Passed to `createApp` (default: `console.error`). */
  onError?: AppOptions['onError'];
}

/** The paths the demo serves (GET), for the startup banner and tests. */
export const DEMO_PATHS = [
  '/',
  '/sse-client',
  '/stream/manual',
  '/stream/generator',
  '/stream/binary-generator',
  '/stream/chunked',
  '/stream/manual-chunks',
  '/stream/sse',
  '/stream/custom-sse',
  '/stream/safe',
  '/stream/large-data',
  '/stream/resilient',
  '/stream/optimized',
  '/chat/:room',
  '/task/:id/progress',
  '/logs/live',
] as const;

/** The guide's examples, by section, in the order they are registered. */
const EXAMPLES: readonly ((app: App, context: ExampleContext) => void)[] = [
  manualStreaming,
  generatorStreaming,
  chunkedTransfer,
  serverSentEvents,
  bestPractices,
  realTimeChat,
  progressTracking,
  logStreaming,
];

/** An app serving the guide's examples. */
export function createDemoApp(options: DemoOptions = {}): App {
  const app = createApp(options.onError === undefined ? {} : { onError: options.onError });
  const context = exampleContext(options.delayScale ?? 1, options.onError ?? ((error: unknown) => console.error(error)));

  app.get('/', () => htmlResponse(BROWSER_TEST_PAGE));
  app.get('/sse-client', () => htmlResponse(SSE_CLIENT_PAGE));
  for (const example of EXAMPLES) example(app, context);

  return app;
}
