/**
 * Breaks CHUNK-002: a `Uint8Array` chunk is sent as its whole underlying
 * buffer (`new Uint8Array(view.buffer)`), not just the view's bytes — the
 * classic bug with `subarray()` views and pooled Buffers (base64 and hex
 * encode the same wrong bytes).
 */
import { breakReference, chunksVia, type AlsoBreaks } from '../break.ts';
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

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'CHUNK-005': 'CHUNK-005\'s rule is that each chunk\'s bytes are encoded (with the standard alphabet): base64 encodes the whole buffer instead, not the chunk\'s bytes',
  'CHUNK-007': 'CHUNK-007\'s rule is that each chunk\'s bytes are encoded as lowercase base16: hex encodes the whole buffer instead, not the chunk\'s bytes',
  'CHUNK-008': 'a client decoding the lines gets the whole buffers back, not the chunks: it cannot recover them',
};

export default breakReference({ name: 'chunk-bytes-view-whole-buffer', breaks, ...chunksVia(new WholeBuffer()) });
