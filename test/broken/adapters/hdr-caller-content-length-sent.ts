/**
 * Breaks HDR-009: a `Content-Length` the caller passes in `options.headers`
 * is neither refused nor dropped: it is sent on the stream.
 */
import { breakReference, type BrokenContext } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'HDR-009';

/** The caller's options without Content-Length (the reference would refuse it), and that field. */
function split(options: unknown): { rest: Record<string, unknown>; length: [string, string][] } {
  const o = optionsRecord('options', options);
  const headers = o.headers;
  if (typeof headers !== 'object' || headers === null) return { rest: o, length: [] };
  const kept: Record<string, unknown> = {};
  const length: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-length') length.push([name, String(value)]);
    else kept[name] = value;
  }
  return { rest: { ...o, headers: kept }, length };
}

function sent(response: Response, length: [string, string][]): Response {
  for (const [name, value] of length) response.headers.set(name, value);
  return response;
}

export default breakReference({
  name: 'hdr-caller-content-length-sent',
  breaks,
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    createStream: async (options) => {
      const { rest, length } = split(options);
      const stream = await ctx.createStream(rest);
      sent(stream.response, length);
      return stream;
    },
    streamResponse: (iterable, options) => {
      const { rest, length } = split(options);
      return sent(ctx.streamResponse(iterable, rest), length);
    },
    chunkedResponse: (chunks, options) => {
      const { rest, length } = split(options);
      return sent(ctx.chunkedResponse(chunks, rest), length);
    },
    sseResponse: (iterable, options) => {
      const { rest, length } = split(options);
      return sent(ctx.sseResponse(iterable, rest), length);
    },
  }),
});
