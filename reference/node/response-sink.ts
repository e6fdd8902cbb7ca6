/**
 * Node bridge: where a generator body is written when the bridge pulls it
 * directly ({@link PullSource.pipeTo}).
 */
import type { BodyChunk, ChunkSink, PullSource } from '../pull-stream.ts';
import { nextFairTurn } from './fair-turns.ts';
import { BatchingWriter, drained, WRITE_AHEAD_BYTES, type BridgeResponse } from './batching-writer.ts';

/**
 * One response fed by a {@link PullSource}: each chunk is written as it
 * comes; the source waits when {@link ResponseSink.write} says so (the socket
 * is full, or the time slice is used up).
 */
export class ResponseSink extends BatchingWriter implements ChunkSink {
  /** The source's text is SSE framing ({@link PullSource.framedText}). */
  readonly #framed: boolean;

  constructor(res: BridgeResponse, framed: boolean) {
    super(res);
    this.#framed = framed;
  }

  write(chunk: BodyChunk): Promise<void> | undefined {
    if (this.gone) return undefined;
    const writable = typeof chunk === 'string' ? this.queueText(chunk, this.#framed) : this.writeBytes(chunk);
    if (writable === undefined) return undefined; // only batched: nothing written yet
    if (!writable && !this.gone && this.res.writableLength >= WRITE_AHEAD_BYTES) {
      this.restartSlice(); // waiting for drain lets the event loop run
      return drained(this.res);
    }
    return this.sliceUsedUp() ? nextFairTurn() : undefined;
  }
}
