/** Breaks STREAM-009 (SHOULD): manual streams have no `ready` promise, so a writer cannot wait for a slow client. */
import { breakReference } from '../break.ts';
import { delegateStream } from '../stream-like.ts';

export const breaks = 'STREAM-009';

export default breakReference({
  name: 'stream-no-ready',
  breaks,
  wrapStream: (_stream, inner) => delegateStream(inner, {}, ['ready']),
});
