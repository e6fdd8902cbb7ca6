/**
 * Breaks STREAM-009: `ready` is always a resolved promise — the property
 * exists, back-pressure does not — so a writer that awaits it before every
 * write never waits for a slow client, however much is queued.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-009';

export default breakReference({
  name: 'stream-ready-always-resolved',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      get ready(): Promise<void> {
        return Promise.resolve();
      },
    }),
});
