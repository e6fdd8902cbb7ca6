/** Breaks STREAM-007: a `bufferSize` that is not a positive integer (0, -1, 1.5, NaN, "64") is silently replaced by the default instead of a TypeError. */
import { breakReference } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'STREAM-007';

export default breakReference({
  name: 'stream-buffer-size-unchecked',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    createStream: (options) => {
      const o = optionsRecord('options', options);
      const valid = Number.isSafeInteger(o.bufferSize) && (o.bufferSize as number) > 0;
      return ctx.createStream(o.bufferSize === undefined || valid ? options : { ...o, bufferSize: undefined });
    },
  }),
});
