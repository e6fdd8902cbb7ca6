/** Every body chunk is preceded by an empty Uint8Array in the web stream. */
import { rewrapResponse } from './kit/body.ts';
import { vary } from './kit/vary.ts';

const EMPTY = new Uint8Array(0);

export const departs =
  'the web body stream delivers an empty Uint8Array before every chunk; a zero-length chunk is a valid ReadableStream chunk and carries no bytes (STREAM-005 is about what write("") sends, not how a body is chunked; a bridge writes nothing for it)';

export default vary({
  name: 'empty-chunks',
  wrapResponse: (response) => rewrapResponse(response, (chunk) => [EMPTY, chunk]),
});
