/**
 * Waiting for something to show up on a connection: a predicate over the
 * client's state, re-evaluated after every packet, bounded in time, and
 * given up on when the connection closes or the check is aborted.
 */
import { WireWaitError } from './errors.ts';

/** How a wait ended. */
export type WaitOutcome = 'matched' | 'closed' | 'timeout' | 'aborted';

interface Waiter<S> {
  predicate(state: S): boolean;
  settle(outcome: WaitOutcome): void;
}

/** The state of one connection as it changes, and waits on it. */
export class ConnectionWatch<S> {
  readonly #read: () => S;
  readonly #waiters = new Set<Waiter<S>>();
  #closed = false;

  constructor(read: () => S) {
    this.#read = read;
  }

  /** True once {@link ConnectionWatch.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Re-evaluates every waiter (call after new bytes arrived). */
  changed(): void {
    if (this.#waiters.size === 0) return;
    const state = this.#read();
    for (const waiter of [...this.#waiters]) if (waiter.predicate(state)) waiter.settle('matched');
  }

  /** The connection ended: waiters still unmatched settle as `closed`. */
  close(): void {
    if (this.#closed) return;
    this.changed();
    this.#closed = true;
    for (const waiter of [...this.#waiters]) waiter.settle('closed');
  }

  /** Waits until `predicate` holds, the connection closes, `timeoutMs` pass, or `signal` aborts. Never rejects. */
  settle(predicate: (state: S) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome> {
    if (predicate(this.#read())) return Promise.resolve('matched');
    if (this.#closed) return Promise.resolve('closed');
    if (signal?.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const onAbort = (): void => waiter.settle('aborted');
      const timer = setTimeout(() => waiter.settle('timeout'), timeoutMs);
      const waiter: Waiter<S> = {
        predicate,
        settle: (outcome) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.#waiters.delete(waiter);
          resolve(outcome);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /**
   * Like {@link ConnectionWatch.settle}, but anything but a match rejects
   * with a {@link WireWaitError} saying `what` did not happen and why.
   */
  async waitFor(predicate: (state: S) => boolean, timeoutMs: number, what: string, signal?: AbortSignal): Promise<S> {
    const outcome = await this.settle(predicate, timeoutMs, signal);
    switch (outcome) {
      case 'matched':
        return this.#read();
      case 'closed':
        throw new WireWaitError('WIRE_CLOSED', `${what}: the connection closed first`);
      case 'timeout':
        throw new WireWaitError('WIRE_TIMEOUT', `${what}: not within ${timeoutMs} ms`);
      case 'aborted':
        throw new WireWaitError('WIRE_ABORTED', `${what}: the check was aborted`);
    }
  }
}
