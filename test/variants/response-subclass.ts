/** Every response is an instance of a Response subclass (same body stream, status and headers). */
import { vary } from './kit/vary.ts';

class StreamingResponse extends Response {
  readonly streaming = true;
}

export const departs =
  'handlers answer with an instance of a Response subclass (same body stream, status and headers); the guide and README "1. Write an adapter" ask for a Response, and a subclass is one';

export default vary({
  name: 'response-subclass',
  wrapResponse: (response) => new StreamingResponse(response.body, { status: response.status, statusText: response.statusText, headers: response.headers }),
});
