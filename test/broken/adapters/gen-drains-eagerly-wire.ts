/**
 * Breaks GEN-004 over a socket: every generator is drained into a queue as
 * soon as the response exists (no bound at all), so a client that stops
 * reading makes the server pull — and keep — everything the generator has.
 * Judged by the wire profile's GEN-004 check: over a socket, the bound is
 * what the socket buffers take, and a drain goes far past it
 * (`gen-eager-drain.ts` is the same defect judged in process).
 */
import { breakReference, wrapSources } from '../break.ts';
import { readAhead } from '../../wire/read-ahead.ts';

export const breaks = 'GEN-004';
export const profile = 'wire';

export default breakReference({ name: 'gen-drains-eagerly-wire', breaks, ...wrapSources((source) => readAhead(source, Number.POSITIVE_INFINITY)) });
