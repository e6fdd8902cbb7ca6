/** Breaks CLOSE-010 (SHOULD): manual streams have no `closed` promise. */
import { breakReference } from '../break.ts';
import { delegateStream } from '../stream-like.ts';

export const breaks = 'CLOSE-010';

export default breakReference({
  name: 'close-no-closed-promise',
  breaks,
  wrapStream: (_stream, inner) => delegateStream(inner, {}, ['closed']),
});
