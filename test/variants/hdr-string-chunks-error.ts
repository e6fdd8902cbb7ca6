/**
 * A variant that conforms to the HDR requirements only: every header is
 * right, but its bodies end in error as soon as a string chunk is written or
 * yielded (a STREAM/GEN defect). Run it on HDR-* alone.
 */
import { vary } from './kit/vary.ts';
import { composeBreaks, withPatch, wrapSources } from '../broken/break.ts';

export const departs =
  'ends the body in error when a string chunk is written (`write("x")`) or yielded, while every header and the status are right; the HDR requirements judge the head of the response only (its body is STREAM-*/GEN-* business), so it conforms to HDR-* and to nothing about bodies';

/** The areas this variant conforms to. */
export const areas = ['HDR'];

async function* refuseStrings(source: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<unknown> {
  for await (const value of source) {
    if (typeof value === 'string') throw new TypeError('string chunks are not supported');
    yield value;
  }
}

export default vary({
  name: 'hdr-string-chunks-error',
  ...composeBreaks(
    {
      wrapStream: (stream, inner) =>
        withPatch(stream, {
          write(data) {
            if (typeof data === 'string') {
              inner.error(new TypeError('string chunks are not supported'));
              return;
            }
            stream.write(data);
          },
        }),
    },
    wrapSources((source) => refuseStrings(source as Iterable<unknown>)),
  ),
});
