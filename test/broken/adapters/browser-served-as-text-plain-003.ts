/**
 * Breaks BROWSER-003: the server layer in front of the app serves event
 * streams as `text/plain` (test/broken/served-as-text-plain.ts); the app
 * itself is right, so only a real client over the socket sees it: Chromium
 * fails the connection and dispatches nothing.
 */
import { servedAsTextPlainAdapter } from '../served-as-text-plain.ts';

export const breaks = 'BROWSER-003';
/** Chromium fails every connection to an event stream served as text/plain, so every real-client requirement fails with it. */
export const alsoBreaks = ['BROWSER-001', 'BROWSER-002', 'BROWSER-004', 'WIRE-013', 'WIRE-014', 'WIRE-015', 'WIRE-016'];

/** In process the app is right: its event streams say text/event-stream, and a real client reads them. */
export const stillPasses = ['SSE-001', 'SSE-022'];

export default servedAsTextPlainAdapter('browser-served-as-text-plain-003');
