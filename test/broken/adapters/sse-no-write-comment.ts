/** Breaks SSE-021 (SHOULD): manual streams have no `writeComment`. */
import { breakReference } from '../break.ts';
import { delegateStream } from '../stream-like.ts';

export const breaks = 'SSE-021';

export default breakReference({
  name: 'sse-no-write-comment',
  breaks,
  wrapStream: (_stream, inner) => delegateStream(inner, {}, ['writeComment']),
});
