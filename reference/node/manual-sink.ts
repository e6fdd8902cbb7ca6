/**
 * Node bridge: where a manual stream writes once the bridge has claimed it
 * ({@link claimManualStream}): straight to the response, text encoded by
 * Node as it is written, no web stream in between.
 */
import type { ManualStreamSink } from '../manual-stream.ts';
import { BatchingWriter, type BridgeResponse } from './batching-writer.ts';

/**
 * One response fed by a manual stream. Writes never wait (the stream's
 * `ready` and `desiredSize` tell its writer about back-pressure, from
 * {@link ManualSink.bufferedBytes}); the stream is told each time a write
 * reaches the network, to wake a writer awaiting `ready`.
 */
export class ManualSink extends BatchingWriter implements ManualStreamSink {
  onProgress: (() => void) | undefined;

  constructor(res: BridgeResponse) {
    super(res, () => this.onProgress?.());
  }

  /** Bytes written but not yet taken by the network (text batched this turn counted in UTF-16 units). */
  get bufferedBytes(): number {
    return this.res.writableLength + this.batchedLength;
  }

  /** Whether a writer that keeps finding room should wait one turn of the event loop (see {@link BatchingWriter.sliceUsedUp}). */
  shouldYield(): boolean {
    return this.sliceUsedUp();
  }

  write(chunk: string | Uint8Array): void {
    if (this.gone) return;
    if (typeof chunk === 'string') this.queueText(chunk);
    else this.writeBytes(chunk);
  }
}
