/** What every example of the demo is given besides the app: the guide's delays scaled, and a way to run a writer loop after the response. */
import { StreamClosedError, type AppOptions, type ManualStream } from '../../index.ts';

export interface ExampleContext {
  /** A delay of the guide (ms), multiplied by the demo's `delayScale`. */
  scaled(ms: number): number;
  /** Runs a writer loop after the response is returned; a client that went away just ends it. */
  inBackground(stream: ManualStream, request: Request, task: () => Promise<void>): void;
}

/** The context of one demo app: delays times `delayScale`, loop errors reported to `reportError` (and the stream errored). */
export function exampleContext(delayScale: number, reportError: NonNullable<AppOptions['onError']>): ExampleContext {
  return {
    scaled: (ms) => ms * delayScale,
    inBackground(stream, request, task) {
      task().catch((error: unknown) => {
        if (error instanceof StreamClosedError) return;
        reportError(error, { request, phase: 'stream' });
        stream.error(error);
      });
    },
  };
}
