/** Every response is rebuilt as `new Response(readable)` over a byte stream (`type: 'bytes'`). */
import { rewrapResponse } from './kit/body.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'every response is a new Response over a fresh ReadableStream of type "bytes" (chunks copied in, the reference\'s body read behind it), so no bridge shortcut applies; the guide only asks for a Response whose body streams';

export default vary({
  name: 'byte-stream-body',
  wrapResponse: (response) => rewrapResponse(response, undefined, { bytes: true }),
});
