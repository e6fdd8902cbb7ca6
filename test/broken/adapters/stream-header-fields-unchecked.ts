/**
 * Breaks STREAM-007 (SHOULD): a header field of `createStream`'s
 * `options.headers` that no HTTP message may carry (a name that is not a
 * token, a value with CR, LF or NUL inside) is silently dropped instead of a
 * TypeError at the call.
 */
import { breakReference } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'STREAM-007';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export default breakReference({
  name: 'stream-header-fields-unchecked',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    createStream: (options) => {
      const o = optionsRecord('options', options);
      const headers = o.headers;
      if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return ctx.createStream(options);
      const kept = Object.fromEntries(
        Object.entries(headers).filter(([name, value]) => TOKEN.test(name) && !(typeof value === 'string' && /[\r\n\0]/.test(value))),
      );
      return ctx.createStream({ ...o, headers: kept });
    },
  }),
});
