/**
 * Node bridge: where a manual stream writes once the bridge has claimed it
 * ({@link claimManualStream}): straight to the response, text encoded by
 * Node as it is written, no web stream in between.
 */
import type { ManualStreamSink } from '../manual-stream.js';
import { BatchingWriter, FAIRNESS_SLICE_MS, type BridgeResponse } from './batching-writer.js';

/**
 * One response fed by a manual stream. Writes never wait (the stream's
 * `ready` and `desiredSize` tell its writer about back-pressure, from
 * {@link ManualSink.bufferedBytes}); the stream is told each time a write
 * reaches the network, to wake a writer awaiting `ready`.
 */
export class ManualSink extends BatchingWriter implements ManualStreamSink {
  onProgress: (() => void) | undefined;
  #sliceStart = -1;

  constructor(res: BridgeResponse) {
    super(res, () => this.onProgress?.());
  }

  /** Bytes written but not yet taken by the network (text batched this turn counted in UTF-16 units). */
  get bufferedBytes(): number {
    return this.res.writableLength + this.batchedLength;
  }

  /**
   * True once per {@link FAIRNESS_SLICE_MS} of a writer that keeps finding
   * room (the socket takes everything at once): it then waits one turn of the
   * event loop, so other connections, timers and I/O get theirs.
   */
  shouldYield(): boolean {
    const now = performance.now();
    if (this.#sliceStart < 0) this.#sliceStart = now;
    else if (now - this.#sliceStart >= FAIRNESS_SLICE_MS) {
      this.#sliceStart = -1;
      return true;
    }
    return false;
  }

  write(chunk: string | Uint8Array): void {
    if (this.gone) return;
    if (typeof chunk === 'string') this.queueText(chunk);
    else this.writeBytes(chunk);
  }
}
