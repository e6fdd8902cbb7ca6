/**
 * Breaks STREAM-008: with `flushInterval`, `write`s are coalesced by a timer
 * and `close()` forgets to flush: what was written since the last flush is lost.
 */
import { breakReference, withPatch, type AlsoBreaks } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'STREAM-008';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'STREAM-010': 'the model sets flushInterval on most runs, and its rule is that the body holds every write made before close(): the tail is lost there too',
};

const NOTHING = new Uint8Array(0);
const encoder = new TextEncoder();

export default breakReference({
  name: 'stream-coalesced-tail-lost',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    createStream: async (options) => {
      const o = optionsRecord('options', options);
      const interval = o.flushInterval;
      // No coalescing asked for, or an invalid interval (the reference's TypeError): the reference's stream.
      if (!(typeof interval === 'number' && Number.isFinite(interval) && interval >= 0)) return ctx.createStream(options);
      const stream = await ctx.createStream({ ...o, flushInterval: undefined });
      let pending: Uint8Array[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = (): void => {
        timer = undefined;
        const parts = pending;
        pending = [];
        for (const part of parts) {
          try {
            stream.write(part);
          } catch {
            return; // the client went away
          }
        }
      };
      return withPatch(stream, {
        write(data) {
          stream.write(NOTHING); // throws once the stream ended
          if (typeof data === 'string') pending.push(encoder.encode(data));
          else if (data instanceof Uint8Array) pending.push(data);
          else stream.write(data); // the reference's TypeError
          timer ??= setTimeout(flush, interval);
        },
        close() {
          clearTimeout(timer);
          pending = [];
          stream.close();
        },
      });
    },
  }),
});
