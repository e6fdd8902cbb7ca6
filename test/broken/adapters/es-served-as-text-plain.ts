/**
 * Breaks WIRE-013: the server layer in front of the app serves event streams
 * as `text/plain` (test/broken/served-as-text-plain.ts); the app itself is
 * right, so only a real client over the socket sees it.
 */
import { servedAsTextPlainAdapter } from '../served-as-text-plain.ts';

export const breaks = 'WIRE-013';
/** The client fails every connection to an event stream served as text/plain: no reconnection, no retry, no 204 can be judged. */
export const alsoBreaks = ['WIRE-014', 'WIRE-015', 'WIRE-016'];

/** In process the app is right: its event streams say text/event-stream, and a real client reads them. */
export const stillPasses = ['SSE-001', 'SSE-022'];

export default servedAsTextPlainAdapter('es-served-as-text-plain');
