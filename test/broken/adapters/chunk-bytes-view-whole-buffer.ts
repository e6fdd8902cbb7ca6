/**
 * Breaks CHUNK-002: a `Uint8Array` chunk is sent as its whole underlying
 * buffer (`new Uint8Array(view.buffer)`), not just the view's bytes — the
 * classic bug with `subarray()` views and pooled Buffers (base64 and hex
 * encode the same wrong bytes).
 */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class WholeBuffer extends ChunkEncoder {
  override bytes(value: unknown): Uint8Array {
    return value instanceof Uint8Array ? new Uint8Array(value.buffer) : super.bytes(value);
  }
  override utf8(value: unknown): Uint8Array {
    return value instanceof Uint8Array ? new Uint8Array(value.buffer) : super.utf8(value);
  }
}

export const breaks = 'CHUNK-002';
/** Every check that writes bytes sees the stray buffer bytes: the flaw is the same, not a second one. */
export const alsoBreaks = ['CHUNK-005', 'CHUNK-006', 'CHUNK-007', 'CHUNK-008', 'CHUNK-010', 'CHUNK-011'];

export default breakReference({ name: 'chunk-bytes-view-whole-buffer', breaks, ...chunksVia(new WholeBuffer()) });
