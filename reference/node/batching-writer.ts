/**
 * Node bridge: writing a body to a Node response — text joined per turn of
 * the event loop, bytes written as they come, a clean end or a torn-down one.
 */
import { constants, Http2ServerResponse } from 'node:http2';
import type { NodeResponse } from './to-web-request.ts';

/** The part of both Node response kinds that the bridge uses (their union has no callable `write`). */
export interface WritableNodeResponse {
  readonly writableEnded: boolean;
  readonly writableLength: number;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  write(chunk: Uint8Array | string, callback?: () => void): boolean;
  end(): unknown;
  flushHeaders?(): void;
}

/** A Node response of either protocol, with the calls the bridge makes. */
export type BridgeResponse = NodeResponse & WritableNodeResponse;

/**
 * Texts that arrive while the previous write is still being batched (the same
 * turn of the event loop) are joined and written as one chunk; this many
 * UTF-16 units at most. A lone event is never held back: the batch is written
 * when the turn's pending promise callbacks have run (`process.nextTick`).
 */
export const COALESCE_LIMIT = 16 * 1024;

/**
 * After its first write, and then after writing for this long without a
 * pause, a response lets the event loop run (`fair-turns.ts`), so other
 * connections get their turn: with many streams at once, each one's first
 * bytes go out early and new requests are read early (fair time to first
 * byte), at a cost of one loop turn per slice of writing. Waiting for
 * `drain` is a pause too.
 */
const FAIRNESS_SLICE_MS = 0.25;

/**
 * How much a response may hold in Node's buffer (beyond what the kernel took)
 * before a writer stops adding to it: a generator's source then waits for
 * `drain` (response-sink.ts), a manual stream's writes are held and joined
 * (manual-sink.ts). Waiting at Node's own mark (16 KiB) empties the pipe at
 * every large chunk; a little more keeps the socket fed.
 *
 * It also bounds how many chunks Node's buffer holds, which matters: Node
 * writes them with one `writev` when the socket drains (or at the end of the
 * turn, while the response is corked), and a `writev` of more than 2^20
 * chunks fails with `EINVAL` (measured: Node 24, Linux) — the socket is
 * destroyed and everything buffered is lost. An HTTP/1.1 write is 4 chunks
 * (size, CRLF, data, CRLF) of at least 6 bytes: 256 KiB is at most ~175,000
 * chunks.
 */
export const WRITE_AHEAD_BYTES = 256 * 1024;

/**
 * Writes one body to one response. Its state lives in fields, not closures,
 * so an open stream keeps one small object.
 */
export abstract class BatchingWriter {
  /** Set when the response closed (the client went away, or it ended). */
  gone = false;
  protected readonly res: BridgeResponse;
  readonly #onWritten: (() => void) | undefined;
  #batch = '';
  /** The batch's last UTF-16 unit is a high surrogate (kept, not read back: the batch is a rope). */
  #batchEndsInHighSurrogate = false;
  #flushQueued = false;
  /** When the current slice of continuous writing began; -1: none yet (it begins at the next check). */
  #sliceStart = -1;
  /** Something was written or batched; the writer has not yet yielded since (the first write's yield). */
  #firstWriteYieldDue = false;
  #firstWriteYielded = false;

  /** @param onWritten - called as each write reaches the network (omitted: not asked for) */
  constructor(res: BridgeResponse, onWritten?: () => void) {
    this.res = res;
    this.#onWritten = onWritten;
  }

  /** Writes what is batched, then ends the response (unless the client went away). */
  end(): void {
    this.flush();
    if (!this.gone) this.res.end();
  }

  /** The body failed (the app reported it): writes what is batched, then tears down, so the client never sees a clean end. */
  fail(): void {
    this.flush();
    tearDown(this.res);
  }

  /** Writes the batch if a write is still queued for it (the `process.nextTick` callback). */
  flushQueuedBatch(): void {
    if (this.#flushQueued) this.flush();
  }

  /**
   * True after the first write, then once per {@link FAIRNESS_SLICE_MS} of
   * continuous writing: the writer should then let the event loop run one
   * turn (what it wrote goes out first: the batch is written at
   * `process.nextTick`, before the loop turns). The next slice begins at the
   * next check after that.
   */
  protected sliceUsedUp(): boolean {
    if (this.#firstWriteYieldDue) {
      // Once, after the first write: with many responses starting at once, each gets its first bytes out before any runs a slice.
      this.#firstWriteYieldDue = false;
      this.#sliceStart = -1;
      return true;
    }
    const now = performance.now();
    if (this.#sliceStart < 0) this.#sliceStart = now;
    else if (now - this.#sliceStart >= FAIRNESS_SLICE_MS) {
      this.#sliceStart = -1;
      return true;
    }
    return false;
  }

  /** The writer paused (it waits for `drain`): a new slice begins at the next check. */
  protected restartSlice(): void {
    this.#sliceStart = -1;
  }

  /** UTF-16 units batched, not yet written. */
  protected get batchedLength(): number {
    return this.#batch.length;
  }

  /**
   * Adds `text` to this turn's batch; `framed`: it is SSE framing (begins
   * with a field name or `:`, ends with LF), so its edges need not be read. Returns `undefined` when it was only
   * batched, else (the batch was full and written) what the write returned.
   */
  protected queueText(text: string, framed = false): boolean | undefined {
    this.#noteWrite();
    if (framed) {
      // SSE framing begins with a field name or `:` and ends with LF: no character is read (that would flatten `text`).
      this.#batch += text;
      this.#batchEndsInHighSurrogate = false;
    } else {
      // Each write is encoded on its own (a lone surrogate becomes U+FFFD): halves of a pair written apart stay apart.
      if (this.#batchEndsInHighSurrogate && isLowSurrogate(text.charCodeAt(0))) this.flush();
      this.#batch += text;
      this.#batchEndsInHighSurrogate = isHighSurrogate(text.charCodeAt(text.length - 1));
    }
    if (this.#batch.length < COALESCE_LIMIT) {
      if (!this.#flushQueued) {
        this.#flushQueued = true;
        process.nextTick(flushQueuedBatch, this);
      }
      return undefined;
    }
    return this.flush();
  }

  /** Writes the batch, then `bytes` — both, whatever the first write returned (`&&` would drop the bytes). Returns false if the socket is full. */
  protected writeBytes(bytes: Uint8Array): boolean {
    this.#noteWrite();
    const flushed = this.flush();
    return this.#write(bytes) && flushed;
  }

  /** Writes the batch now. Returns false if the socket is full. */
  protected flush(): boolean {
    this.#flushQueued = false;
    if (this.#batch === '' || this.gone) return true;
    const text = this.#batch;
    this.#batch = '';
    this.#batchEndsInHighSurrogate = false;
    return this.#write(text);
  }

  #noteWrite(): void {
    if (this.#firstWriteYielded) return;
    this.#firstWriteYielded = true;
    this.#firstWriteYieldDue = true;
  }

  #write(chunk: string | Uint8Array): boolean {
    return this.#onWritten === undefined ? this.res.write(chunk) : this.res.write(chunk, this.#onWritten);
  }
}

/** Whether `unit` (a UTF-16 code unit; NaN past the end) is a high surrogate. */
export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** Whether `unit` (a UTF-16 code unit; NaN past the end) is a low surrogate. */
export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function flushQueuedBatch(writer: BatchingWriter): void {
  writer.flushQueuedBatch();
}

/** Resolves when `res` drains or closes. */
export function drained(res: NodeResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Ends `res` abnormally: HTTP/1.1 closes the connection without the last chunk, HTTP/2 resets the stream. */
export function tearDown(res: NodeResponse): void {
  if (res instanceof Http2ServerResponse) {
    if (!res.stream.destroyed) res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  } else if (res.socket !== null && !res.socket.destroyed) {
    // Flush what was written (Node corks a response's writes until the next tick), then close
    // without the last chunk: the client sees an incomplete chunked body.
    res.socket.destroySoon();
  } else {
    res.destroy();
  }
}
