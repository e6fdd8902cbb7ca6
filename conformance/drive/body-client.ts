/**
 * A client that reads a response body while a check drives the server side:
 * eagerly (reads as soon as bytes come), lazily (only when finishing), or at
 * a pace a scheduler decides (`fc.scheduler`), and that can go away by
 * cancelling the body. It may be given the response still to come (an
 * implementation may hold the head back until the first write): it reads
 * once the head arrived. Every wait is bounded.
 */
import { concatBytes } from '../bytes/bytes.ts';

/** How a body read by {@link BodyClient} ended. */
export type ClientEnd = 'clean' | 'error' | 'cancelled' | 'timeout' | 'no-body' | 'no-response';

export interface ClientResult {
  bytes: Uint8Array;
  chunks: Uint8Array[];
  end: ClientEnd;
  error?: unknown;
  /** Whether the response head arrived at all. */
  head: boolean;
}

/** What {@link BodyClient.cancel} could do: cancel the body, or nothing yet (no head: the client can only abort the request). */
export type CancelOutcome = 'cancelled' | 'no-head';

export class BodyClient {
  readonly chunks: Uint8Array[] = [];
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** Resolves once the head arrived (the reader, if any, is set) or the response failed. */
  readonly #head: Promise<void>;
  #headArrived = false;
  #loop: Promise<void> | undefined;
  #pace: (() => Promise<unknown>) | undefined;
  /** Resolves when pacing stops, releasing a read that waits for its turn. */
  readonly #unpaced: Promise<void>;
  #releasePacing!: () => void;
  #cancelled = false;
  #cancelReason: unknown;
  #end: ClientEnd | undefined;
  #error: unknown;

  constructor(source: ReadableStream<Uint8Array> | null | Promise<Response>) {
    this.#unpaced = new Promise((resolve) => (this.#releasePacing = resolve));
    if (source instanceof Promise) {
      this.#head = source.then(
        (response) => this.#attach(response.body),
        (error: unknown) => {
          this.#end ??= 'no-response';
          this.#error = error;
        },
      );
    } else {
      this.#attach(source);
      this.#head = Promise.resolve();
    }
  }

  #attach(body: ReadableStream<Uint8Array> | null): void {
    this.#headArrived = true;
    this.#reader = body === null ? undefined : body.getReader();
    if (this.#reader === undefined) this.#end ??= 'no-body';
    else if (this.#cancelled || this.#end === 'timeout') this.#reader.cancel(this.#cancelReason).catch(() => {});
  }

  /** Whether the response head arrived. */
  get headArrived(): boolean {
    return this.#headArrived;
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

  /**
   * Goes away: cancels the body (`reader.cancel()`), as a client that
   * disconnects. Without a head yet there is no body to cancel (`no-head`):
   * the caller aborts the request instead, and a body that comes later is
   * cancelled as it arrives.
   */
  async cancel(reason: unknown = new Error('streamconform: the client went away')): Promise<CancelOutcome> {
    this.#cancelled = true;
    this.#cancelReason = reason;
    if (!this.#headArrived) return 'no-head';
    if (this.#reader !== undefined) await this.#reader.cancel(reason);
    return 'cancelled';
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
      this.#end ??= 'timeout';
      if (this.#end === 'timeout') this.#reader?.cancel().catch(() => {});
    }
    const end = this.#end ?? 'timeout';
    return {
      bytes: this.bytes,
      chunks: [...this.chunks],
      end,
      head: this.#headArrived,
      ...(end === 'error' || end === 'no-response' ? { error: this.#error } : {}),
    };
  }

  async #run(): Promise<void> {
    await this.#head;
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
