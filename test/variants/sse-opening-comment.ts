/** A conforming variant: every event stream starts with a comment of its own. */
import { vary } from './kit/vary.ts';
import { sseVia, withPatch } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';

export const departs =
  'starts every event stream with a comment of its own (`:ok`, then a blank line), as some servers do to open the connection at once, and writes comments without the space (`:text`); WHATWG HTML §9.2.6 ignores comment lines, whatever follows the colon';

class OpeningComment extends SseEncoder {
  override opening(fields: SseFields): string {
    return `:ok\n\n${super.opening(fields)}`;
  }
}

const encoder = new OpeningComment();
const { wrapStream, wrapContext } = sseVia(encoder);

export default vary({
  name: 'sse-opening-comment',
  wrapStream(stream, inner, options) {
    const wrapped = wrapStream!(stream, inner, options);
    let opened = false;
    const open = () => {
      if (opened) return;
      opened = true;
      wrapped.write(':ok\n\n');
    };
    return withPatch(wrapped, {
      writeSSE(data, fieldOptions) {
        const fields = encoder.fields('options', fieldOptions);
        const event = encoder.event(data, fields);
        open();
        wrapped.write(event);
      },
      writeComment(text = '') {
        if (typeof text !== 'string') throw new TypeError('text must be a string');
        open();
        wrapped.write(`${text.split(/\r\n|\r|\n/).map((line) => `:${line}\n`).join('')}\n`);
      },
    });
  },
  wrapContext,
});
