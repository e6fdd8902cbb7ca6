/** Manual streams with only the guide's API: write, writeChunk, writeSSE, close, response. */
import { delegateStream } from '../broken/stream-like.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'a manual stream has only what the guide shows (write, writeChunk, writeSSE, close, response): no writeComment, ready or closed (SSE-021, STREAM-009, CLOSE-010 are SHOULDs), nor the reference\'s error, signal, state, desiredSize, sseEvent; the ctx has only the guide\'s members';

export default vary({
  name: 'guide-api-only',
  wrapStream: (_stream, inner) => delegateStream(inner, {}, ['writeComment', 'ready', 'closed']),
});
