/**
 * Breaks STREAM-004: `writeSSE` events are held back and sent at `close()`,
 * after the `write`s and `writeChunk`s made after them.
 */
import { breakReference, withPatch, type AlsoBreaks } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

export const breaks = 'STREAM-004';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'STREAM-010': 'the model mixes writeSSE with write and writeChunk, and its rule is the bytes of the calls in call order: the events come last',
};

const encoder = new SseEncoder();
const NOTHING = new Uint8Array(0);

export default breakReference({
  name: 'stream-sse-held-until-close',
  breaks,
  wrapStream: (stream) => {
    let held = '';
    return withPatch(stream, {
      writeSSE(data, options) {
        stream.write(NOTHING); // throws once the stream ended, like every write
        held += encoder.event(data, encoder.fields('options', options));
      },
      close() {
        try {
          if (held !== '') stream.write(held);
        } catch {
          // Ended already: close() below does nothing either.
        }
        held = '';
        stream.close();
      },
    });
  },
});
