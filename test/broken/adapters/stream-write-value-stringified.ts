/** Breaks STREAM-006: `write` with a value that is neither text nor bytes sends `String(value)` (`[object Object]`, `42`) instead of a TypeError. */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-006';

export default breakReference({
  name: 'stream-write-value-stringified',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      write: (data) => stream.write(typeof data === 'string' || data instanceof Uint8Array ? data : String(data)),
    }),
});
