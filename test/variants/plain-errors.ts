/** Every error is a plain TypeError or Error (no subclass, no code), with the reference's message. */
import { withPatch, type BrokenContext, type StreamLike } from '../broken/break.ts';
import { vary } from './kit/vary.ts';

/** The same failure, as a plain TypeError (for TypeErrors) or Error. */
function plain(error: unknown): unknown {
  if (error instanceof TypeError) return new TypeError(error.message);
  if (error instanceof Error) return new Error(error.message);
  return error;
}

function plainly<A extends unknown[], R>(call: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return call(...args);
    } catch (error) {
      throw plain(error);
    }
  };
}

function plainStream(stream: StreamLike): StreamLike {
  return withPatch(stream, {
    write: plainly(stream.write),
    writeChunk: plainly(stream.writeChunk),
    writeSSE: plainly(stream.writeSSE),
    ...(stream.writeComment ? { writeComment: plainly(stream.writeComment) } : {}),
    close: plainly(stream.close),
  });
}

export const departs =
  'validation errors are plain TypeErrors and writes on an ended stream throw a plain Error (no StreamingTypeError/StreamClosedError subclass, no code), same messages; docs/spec.md §1 asks for a TypeError and an Error, and names the reference\'s classes as its own';

export default vary({
  name: 'plain-errors',
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    createStream: async (options) => {
      try {
        return plainStream(await ctx.createStream(options));
      } catch (error) {
        throw plain(error);
      }
    },
    streamResponse: plainly(ctx.streamResponse),
    chunkedResponse: plainly(ctx.chunkedResponse),
    sseResponse: plainly(ctx.sseResponse),
  }),
});
