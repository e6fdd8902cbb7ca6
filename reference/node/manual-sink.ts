/**
 * Node bridge: where a manual stream writes once the bridge has claimed it
 * ({@link claimManualStream}): straight to the response, text encoded by
 * Node as it is written, no web stream in between.
 */
import type { ManualStreamSink } from '../manual-stream.ts';
import { nextFairTurn } from './fair-turns.ts';
import { BatchingWriter, drained, isHighSurrogate, isLowSurrogate, WRITE_AHEAD_BYTES, type BridgeResponse } from './batching-writer.ts';

/**
 * One response fed by a manual stream. Writes never wait (the stream's
 * `ready` and `desiredSize` tell its writer about back-pressure, from
 * {@link ManualSink.bufferedBytes}); the stream is told each time a write
 * reaches the network, to wake a writer awaiting `ready`.
 *
 * A writer may ignore back-pressure (or write everything before the handler
 * returns): once Node's buffer is past {@link WRITE_AHEAD_BYTES}, writes are
 * held here and go out joined as one chunk when the response drains (or
 * ends), so Node's buffer never holds more chunks than one `writev` can send.
 */
export class ManualSink extends BatchingWriter implements ManualStreamSink {
  onProgress: (() => void) | undefined;
  /** Writes held while Node's buffer is full; `undefined`: not holding. */
  #held: (string | Uint8Array)[] | undefined;
  /** Their length (text in UTF-16 units, like the batch). */
  #heldLength = 0;

  constructor(res: BridgeResponse) {
    super(res, () => this.onProgress?.());
  }

  /** Bytes written but not yet taken by the network (text batched or held counted in UTF-16 units). */
  get bufferedBytes(): number {
    return this.res.writableLength + this.batchedLength + this.#heldLength;
  }

  /** A later turn of the event loop, when a writer that keeps finding room should wait for one (see {@link BatchingWriter.sliceUsedUp}). */
  yieldTurn(): Promise<void> | undefined {
    return this.sliceUsedUp() ? nextFairTurn() : undefined;
  }

  write(chunk: string | Uint8Array, framed = false): void {
    if (this.gone) return;
    if (this.#held !== undefined) {
      this.#held.push(chunk);
      this.#heldLength += chunk.length;
      return;
    }
    const writable = typeof chunk === 'string' ? this.queueText(chunk, framed) : this.writeBytes(chunk);
    if (writable === false && this.res.writableLength >= WRITE_AHEAD_BYTES && !this.gone) {
      // The batch was just written (a write returned false only after flushing it): what comes next is held, in order.
      this.#held = [];
      void drained(this.res).then(() => this.#release());
    }
  }

  override end(): void {
    this.#release();
    super.end();
  }

  override fail(): void {
    this.#release();
    super.fail();
  }

  /** Writes what was held, joined into one chunk (nothing if the client went away). */
  #release(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    this.#heldLength = 0;
    if (held.length === 0 || this.gone) return;
    this.writeBytes(joinChunks(held));
  }
}

/**
 * `parts` as one array of bytes, as if each had been written on its own: runs
 * of text are joined before they are encoded (UTF-8), except where that would
 * pair the halves of a surrogate pair written apart (each is U+FFFD).
 */
function joinChunks(parts: readonly (string | Uint8Array)[]): Uint8Array {
  const bytes: Uint8Array[] = [];
  let text: string[] = [];
  const encodeText = (): void => {
    if (text.length === 0) return;
    bytes.push(Buffer.from(text.join(''), 'utf8'));
    text = [];
  };
  let endsInHighSurrogate = false;
  for (const part of parts) {
    if (typeof part !== 'string') {
      encodeText();
      bytes.push(part);
      endsInHighSurrogate = false;
      continue;
    }
    if (endsInHighSurrogate && isLowSurrogate(part.charCodeAt(0))) encodeText();
    text.push(part);
    endsInHighSurrogate = isHighSurrogate(part.charCodeAt(part.length - 1));
  }
  encodeText();
  return bytes.length === 1 ? bytes[0]! : Buffer.concat(bytes);
}
