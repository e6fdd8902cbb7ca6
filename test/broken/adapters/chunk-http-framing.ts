/**
 * Breaks CHUNK-011: the implementation does HTTP/1.1 chunked coding itself,
 * inside the body: every encoded chunk is framed `<size hex>\r\n…\r\n` and
 * the body ends with the last chunk `0\r\n\r\n` (empty chunks are skipped,
 * as a zero-size frame would end the body).
 */
import { breakReference, chunksVia, type AlsoBreaks } from '../break.ts';
import { ChunkEncoder, type ChunkEncoding } from '../chunk-encoder.ts';

const textEncoder = new TextEncoder();

class FramedInBody extends ChunkEncoder {
  override encode(value: unknown, encoding: ChunkEncoding): Uint8Array {
    const payload = super.encode(value, encoding);
    if (payload.byteLength === 0) return payload;
    const head = textEncoder.encode(`${payload.byteLength.toString(16)}\r\n`);
    const framed = new Uint8Array(head.byteLength + payload.byteLength + 2);
    framed.set(head, 0);
    framed.set(payload, head.byteLength);
    framed.set([0x0d, 0x0a], head.byteLength + payload.byteLength);
    return framed;
  }
  override ending(): Uint8Array {
    return textEncoder.encode('0\r\n\r\n');
  }
}

export const breaks = 'CHUNK-011';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'CHUNK-008': 'a client splitting the body on \\n gets the frames\' size lines and CRs among the encoded lines, so it cannot recover the chunks from the body alone',
};

export default breakReference({ name: 'chunk-http-framing', breaks, ...chunksVia(new FramedInBody()) });
