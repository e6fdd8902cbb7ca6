/**
 * Waiting without sleeping: macrotask turns (`setImmediate`) let an
 * implementation's queued work run, and {@link untilQuiet} waits until a
 * counter stops moving. No timers with a tolerance.
 */

/** Resolves after `turns` macrotask turns (each one lets every pending microtask and immediate run). */
export async function macrotaskTurns(turns = 2): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Waits until `read()` returns the same value for `quietTurns` macrotask
 * turns in a row (at most `maxTurns` turns in all), and returns that value.
 * Used to let a generator settle before its pulls are counted.
 */
export async function untilQuiet(read: () => number, options: { quietTurns?: number; maxTurns?: number } = {}): Promise<number> {
  const quietTurns = options.quietTurns ?? 8;
  const maxTurns = options.maxTurns ?? 400;
  let last = read();
  let quiet = 0;
  for (let turn = 0; turn < maxTurns && quiet < quietTurns; turn++) {
    await macrotaskTurns(1);
    const now = read();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

/** Whether `promise` settled (resolved or rejected) within `turns` macrotask turns. */
export async function settlesWithin(promise: PromiseLike<unknown>, turns: number): Promise<{ settled: false } | { settled: true; rejected: boolean; value: unknown }> {
  let outcome: { settled: false } | { settled: true; rejected: boolean; value: unknown } = { settled: false };
  Promise.resolve(promise).then(
    (value) => (outcome = { settled: true, rejected: false, value }),
    (value) => (outcome = { settled: true, rejected: true, value }),
  );
  for (let turn = 0; turn < turns && !outcome.settled; turn++) await macrotaskTurns(1);
  return outcome;
}
