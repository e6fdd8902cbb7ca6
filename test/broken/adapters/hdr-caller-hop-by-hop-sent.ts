/**
 * Breaks HDR-007 (SHOULD): hop-by-hop fields the caller passes in
 * `options.headers` (`Connection`, `Keep-Alive`, ...) are neither refused
 * nor dropped: they are sent.
 */
import { breakReference, type BrokenContext } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'HDR-007';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'transfer-encoding', 'upgrade']);

/** The caller's options without hop-by-hop headers (the reference would refuse them), and those headers. */
function split(options: unknown): { rest: Record<string, unknown>; hopByHop: [string, string][] } {
  const o = optionsRecord('options', options);
  const headers = o.headers;
  if (typeof headers !== 'object' || headers === null) return { rest: o, hopByHop: [] };
  const kept: Record<string, unknown> = {};
  const hopByHop: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.has(name.toLowerCase())) hopByHop.push([name, String(value)]);
    else kept[name] = value;
  }
  return { rest: { ...o, headers: kept }, hopByHop };
}

function sent(response: Response, hopByHop: [string, string][]): Response {
  for (const [name, value] of hopByHop) response.headers.set(name, value);
  return response;
}

export default breakReference({
  name: 'hdr-caller-hop-by-hop-sent',
  breaks,
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    createStream: async (options) => {
      const { rest, hopByHop } = split(options);
      const stream = await ctx.createStream(rest);
      sent(stream.response, hopByHop);
      return stream;
    },
    streamResponse: (iterable, options) => {
      const { rest, hopByHop } = split(options);
      return sent(ctx.streamResponse(iterable, rest), hopByHop);
    },
    chunkedResponse: (chunks, options) => {
      const { rest, hopByHop } = split(options);
      return sent(ctx.chunkedResponse(chunks, rest), hopByHop);
    },
    sseResponse: (iterable, options) => {
      const { rest, hopByHop } = split(options);
      return sent(ctx.sseResponse(iterable, rest), hopByHop);
    },
  }),
});
