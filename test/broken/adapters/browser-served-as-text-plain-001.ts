/**
 * Breaks BROWSER-001: the server layer in front of the app serves event
 * streams as `text/plain` (test/broken/served-as-text-plain.ts); the app
 * itself is right, so only a real client over the socket sees it: Chromium
 * fails the connection and dispatches nothing.
 */
import { servedAsTextPlainAdapter } from '../served-as-text-plain.ts';

export const breaks = 'BROWSER-001';
export const alsoBreaks = {
  'BROWSER-002': 'Chromium fails the connection to an event stream served as text/plain and dispatches no typed event',
  'BROWSER-003': 'Chromium fails the connection to an event stream served as text/plain, so no event id is ever seen',
  'BROWSER-004': 'Chromium fails the connection to an event stream served as text/plain and does not reconnect after it',
};

export default servedAsTextPlainAdapter('browser-served-as-text-plain-001');
