/**
 * Instrumented sources for generator responses: they count how often they
 * were asked for a value (a synchronous counter in the generator body, before
 * each yield), open a gate when their `finally` runs, and can throw after a
 * given number of values.
 */
import { gate, type Gate } from './exchange.ts';
import type { ProbeShape } from '../arbitraries/generators.ts';

/** The error a probe throws on purpose (GEN-006). */
export class ProbeSourceError extends Error {
  override readonly name = 'ProbeSourceError';
  readonly code = 'STREAMCONFORM_PROBE_ERROR';
}

export type { ProbeShape };

export interface ProbeSourceOptions<T> {
  /** The value of pull number `index` (0-based). */
  value(index: number): T;
  /** How many values (undefined: endless). */
  count?: number;
  /** Throw a {@link ProbeSourceError} when asked for value number `throwAt` (after `throwAt` values). */
  throwAt?: number;
  /** Default `async-generator`. `array` needs a finite `count` and no `throwAt`. */
  shape?: ProbeShape;
  /** Async generators only: await this many microtask turns before each yield. */
  awaitsBeforeYield?: number;
  /**
   * Async generators only: await one macrotask turn (`setImmediate`) before
   * each yield, so that an implementation that drains the generator in a
   * loop cannot starve the event loop (and the check's own waits).
   */
  yieldToEventLoop?: boolean;
  /**
   * Async generators only: its `finally` throws a {@link ProbeSourceError}
   * (after opening `finallyRan`), so `return()` rejects and a natural end is
   * an error (CLOSE-009: whoever stops the generator handles that).
   */
  throwInFinally?: boolean;
}

export interface ProbeSource<T> {
  /** What to pass to the response call. */
  readonly iterable: AsyncIterable<T> | Iterable<T>;
  /** How many times the body asked for a value (a `next()` that reached the generator body). */
  readonly pulls: number;
  /** Opens when the generator's `finally` ran. */
  readonly finallyRan: Gate;
  /**
   * Opens when the generator is done with: `return()` was called on it, or
   * its `finally` ran. (A generator never started has no `finally` to run:
   * `return()` is all an implementation can do.)
   */
  readonly stopped: Gate;
  /** Shown in failure messages, e.g. `an endless async generator`. */
  readonly description: string;
}

/** Builds a probe source. */
export function probeSource<T>(options: ProbeSourceOptions<T>): ProbeSource<T> {
  const shape = options.shape ?? 'async-generator';
  const finallyRan = gate();
  const stopped = gate();
  void finallyRan.promise.then(() => stopped.open());
  let pulls = 0;
  const { count, throwAt, value } = options;
  const awaits = options.awaitsBeforeYield ?? 0;
  const limit = count ?? Number.POSITIVE_INFINITY;

  let iterable: AsyncIterable<T> | Iterable<T>;
  if (shape === 'array') {
    if (count === undefined || throwAt !== undefined) throw new RangeError('an array probe needs a count and no throwAt');
    iterable = Array.from({ length: count }, (_, index) => value(index));
  } else if (shape === 'sync-generator') {
    iterable = watchReturn((function* () {
      try {
        for (let index = 0; index < limit; index++) {
          pulls++;
          if (index === throwAt) throw new ProbeSourceError(`the generator threw after ${index} values`);
          yield value(index);
        }
      } finally {
        finallyRan.open();
      }
    })(), () => stopped.open());
  } else {
    iterable = watchReturn((async function* () {
      try {
        for (let index = 0; index < limit; index++) {
          pulls++;
          for (let turn = 0; turn < awaits; turn++) await Promise.resolve();
          if (options.yieldToEventLoop) await new Promise<void>((resolve) => setImmediate(resolve));
          if (index === throwAt) throw new ProbeSourceError(`the generator threw after ${index} values`);
          yield value(index);
        }
      } finally {
        finallyRan.open();
        // The point of the option: a finally that throws (return() rejects).
        if (options.throwInFinally) throw new ProbeSourceError('the generator\'s finally threw');
      }
    })(), () => stopped.open());
  }
  const length = count === undefined ? 'an endless' : `a ${count}-value`;
  const failing = (throwAt === undefined ? '' : `, throwing after ${throwAt} values`) + (options.throwInFinally ? ', whose finally throws' : '');
  return {
    iterable,
    get pulls() {
      return pulls;
    },
    finallyRan,
    stopped,
    description: `${length} ${shape.replace('-', ' ')}${failing}`,
  };
}

/**
 * The generator, seen through an object that records `return()` calls and
 * otherwise forwards everything (`next`, `return`, `throw`, both iterator symbols).
 */
function watchReturn<G extends Generator<unknown> | AsyncGenerator<unknown>>(generator: G, onReturn: () => void): G {
  const proxy: G = new Proxy(generator, {
    get(target, property) {
      if (property === 'return') {
        return (value?: unknown) => {
          onReturn();
          return (target.return as (value?: unknown) => unknown).call(target, value);
        };
      }
      if (property === Symbol.asyncIterator || property === Symbol.iterator) {
        const own = Reflect.get(target, property, target) as unknown;
        return typeof own === 'function' ? () => proxy : own;
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return proxy;
}
