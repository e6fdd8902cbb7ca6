/**
 * Breaks GEN-004: generators are drained into a queue as soon as the response
 * is created, however far ahead of what the client has read (a "buffer for
 * speed" that turns a slow client into memory growth). A bounded read-ahead
 * would be allowed (test/variants/wire-read-ahead-64.ts). Judged in process;
 * `gen-drains-eagerly-wire.ts` is the same defect judged over a socket.
 */
import { breakReference, wrapSources } from '../break.ts';
import { readAhead } from '../../wire/read-ahead.ts';

export const breaks = 'GEN-004';

export default breakReference({ name: 'gen-eager-drain', breaks, ...wrapSources((source) => readAhead(source, Number.POSITIVE_INFINITY)) });
