/**
 * Breaks BROWSER-003: the server layer in front of the app serves event
 * streams as `text/plain` (test/broken/served-as-text-plain.ts); the app
 * itself is right, so only a real client over the socket sees it: Chromium
 * fails the connection and dispatches nothing.
 */
import { servedAsTextPlainAdapter } from '../served-as-text-plain.ts';

export const breaks = 'BROWSER-003';
export const alsoBreaks = {
  'BROWSER-001': 'Chromium fails the connection to an event stream served as text/plain and dispatches no data at all',
  'BROWSER-002': 'Chromium fails the connection to an event stream served as text/plain and dispatches no typed event',
  'BROWSER-004': 'Chromium fails the connection to an event stream served as text/plain and does not reconnect after it',
};

export default servedAsTextPlainAdapter('browser-served-as-text-plain-003');
