/** Every body chunk is split into several chunks of the web stream (first byte, then the rest in halves). */
import { cutAt, rewrapResponse } from './kit/body.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'each chunk is enqueued as up to three pieces (its first byte, then the rest in two halves, even inside a UTF-8 sequence), all in the same pull, so every write still reaches the client before the next; chunk boundaries carry no meaning in a byte stream (RFC 9112 §7.1; WHATWG Streams)';

export default vary({
  name: 'split-chunks',
  wrapResponse: (response) =>
    rewrapResponse(response, (chunk) => cutAt(chunk, [1, 1 + Math.floor((chunk.byteLength - 1) / 2)])),
});
