/**
 * A load target whose binary bodies have the right length but one wrong
 * byte: the reference, with byte 5 of the 17th `Uint8Array` a generator
 * yields to `streamResponse` inverted (GEN-002: bytes are sent as yielded).
 * The real-k6 tests run it to see the digest check find the byte that a
 * length or count check cannot.
 */
import { breakReference } from '../../broken/break.ts';
import { mapSource } from '../../broken/sources.ts';

/** Which block (1-based) and byte in it are wrong. */
export const WRONG = { block: 17, offset: 5 } as const;

export default breakReference({
  name: 'one-byte-wrong',
  breaks: 'GEN-002',
  wrapContext: (ctx) => ({
    ...ctx,
    streamResponse: (iterable, options) =>
      ctx.streamResponse(
        mapSource('iterable', iterable, (value, index) => {
          if (index !== WRONG.block - 1 || !(value instanceof Uint8Array) || value.length <= WRONG.offset) return value;
          const copy = value.slice();
          copy[WRONG.offset] = copy[WRONG.offset]! ^ 0xff;
          return copy;
        }),
        options,
      ),
  }),
});
