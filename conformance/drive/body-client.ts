/**
 * A client that reads a response body while a check drives the server side:
 * eagerly (reads as soon as bytes come), lazily (only when finishing), or at
 * a pace a scheduler decides (`fc.scheduler`), and that can go away by
 * cancelling the body. Every wait is bounded.
 */
import { concatBytes } from './body.ts';

/** How a body read by {@link BodyClient} ended. */
export type ClientEnd = 'clean' | 'error' | 'cancelled' | 'timeout' | 'no-body';

export interface ClientResult {
  bytes: Uint8Array;
  chunks: Uint8Array[];
  end: ClientEnd;
  error?: unknown;
}

export class BodyClient {
  readonly chunks: Uint8Array[] = [];
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #loop: Promise<void> | undefined;
  #pace: (() => Promise<unknown>) | undefined;
  /** Resolves when pacing stops, releasing a read that waits for its turn. */
  readonly #unpaced: Promise<void>;
  #releasePacing!: () => void;
  #cancelled = false;
  #end: ClientEnd | undefined;
  #error: unknown;

  constructor(body: ReadableStream<Uint8Array> | null) {
    this.#reader = body === null ? undefined : body.getReader();
    if (this.#reader === undefined) this.#end = 'no-body';
    this.#unpaced = new Promise((resolve) => (this.#releasePacing = resolve));
  }

  /** Starts reading; before each read, awaits `pace` if given (a scheduler's turn). */
  startReading(pace?: () => Promise<unknown>): void {
    this.#pace = pace;
    this.#loop ??= this.#run();
  }

  /** From now on, read without waiting for `pace`. */
  stopPacing(): void {
    this.#pace = undefined;
    this.#releasePacing();
  }

  /** Whether the client cancelled the body. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** All bytes read so far. */
  get bytes(): Uint8Array {
    return concatBytes(this.chunks);
  }

  /** Goes away: cancels the body (`reader.cancel()`), as a client that disconnects. */
  async cancel(reason: unknown = new Error('streamconform: the client went away')): Promise<void> {
    this.#cancelled = true;
    if (this.#reader === undefined) return;
    await this.#reader.cancel(reason);
  }

  /** Reads to the end (or until `timeoutMs`), and tells how the body ended. Never throws. */
  async finish(timeoutMs: number): Promise<ClientResult> {
    this.stopPacing();
    this.#loop ??= this.#run();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.#loop.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.#end = 'timeout';
      this.#reader?.cancel().catch(() => {});
    }
    return { bytes: this.bytes, chunks: [...this.chunks], end: this.#end ?? 'timeout', ...(this.#end === 'error' ? { error: this.#error } : {}) };
  }

  async #run(): Promise<void> {
    const reader = this.#reader;
    if (reader === undefined) return;
    try {
      for (;;) {
        if (this.#pace) await Promise.race([this.#pace(), this.#unpaced]);
        const result = await reader.read();
        if (this.#end !== undefined) return;
        if (result.done) {
          this.#end = this.#cancelled ? 'cancelled' : 'clean';
          return;
        }
        if (!(result.value instanceof Uint8Array)) {
          this.#end = 'error';
          this.#error = new TypeError(`the body stream delivered ${Object.prototype.toString.call(result.value)}, not a Uint8Array`);
          return;
        }
        this.chunks.push(result.value);
      }
    } catch (error) {
      if (this.#end !== undefined) return;
      this.#end = this.#cancelled ? 'cancelled' : 'error';
      this.#error = error;
    }
  }
}
