/**
 * Breaks WIRE-013: the server layer in front of the app serves event streams
 * as `text/plain` (test/broken/served-as-text-plain.ts); the app itself is
 * right, so only a real client over the socket sees it.
 */
import { servedAsTextPlainAdapter } from '../served-as-text-plain.ts';

export const breaks = 'WIRE-013';
export const alsoBreaks = {
  'WIRE-014': 'the client fails the connection to an event stream served as text/plain, so there is no reconnection to carry Last-Event-ID',
  'WIRE-015': 'the client fails the connection to an event stream served as text/plain, so no retry field is ever read and honoured',
  'WIRE-016': 'the client fails the first connection on its text/plain media type, so the 204 that should end reconnection is never reached',
};

export default servedAsTextPlainAdapter('es-served-as-text-plain');
