/**
 * Watching for what an implementation lets escape: unhandled promise
 * rejections and uncaught exceptions (CLOSE-009). Listeners are added for one
 * property run and always removed; before judging, a few macrotask turns and
 * a short timer let late ones surface (an implementation that pushes to an
 * ended stream on a later tick, from a `setTimeout(0)` or a flush timer).
 */
import { macrotaskTurns } from './settle.ts';

/** How long after the run a late tick may still throw (one `setTimeout(0)` is 1 ms on Node). */
const LATE_TICK_MS = 5;

export interface StrayErrorWatch {
  /** Flushes pending rejections, removes the listeners and returns what escaped. */
  stop(): Promise<{ kind: 'unhandledRejection' | 'uncaughtException'; error: unknown }[]>;
}

/** Starts listening on `process` for unhandled rejections and uncaught exceptions. */
export function watchStrayErrors(): StrayErrorWatch {
  const caught: { kind: 'unhandledRejection' | 'uncaughtException'; error: unknown }[] = [];
  const onRejection = (error: unknown): void => {
    caught.push({ kind: 'unhandledRejection', error });
  };
  const onException = (error: unknown): void => {
    caught.push({ kind: 'uncaughtException', error });
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  let stopped = false;
  return {
    async stop() {
      if (!stopped) {
        stopped = true;
        try {
          await macrotaskTurns(3);
          await new Promise<void>((resolve) => setTimeout(resolve, LATE_TICK_MS));
          await macrotaskTurns(2);
        } finally {
          process.off('unhandledRejection', onRejection);
          process.off('uncaughtException', onException);
        }
      }
      return [...caught];
    },
  };
}
