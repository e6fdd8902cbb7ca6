/**
 * Watching for what an implementation lets escape: unhandled promise
 * rejections and uncaught exceptions (CLOSE-009). Listeners are added for one
 * property run and always removed; before judging, a few macrotask turns let
 * late rejections surface.
 */
import { macrotaskTurns } from './settle.ts';

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
        } finally {
          process.off('unhandledRejection', onRejection);
          process.off('uncaughtException', onException);
        }
      }
      return [...caught];
    },
  };
}
