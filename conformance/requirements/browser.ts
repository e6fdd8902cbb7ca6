/** In a real browser (headless Chromium's own EventSource): WHATWG HTML §9.2. Run with `--browser`. */
import { requirement } from './define.ts';

const browser = { profile: 'browser' } as const;

export const browserRequirements = [
  requirement('BROWSER-001', 'MUST', {
    ...browser,
    title: 'chromium dispatches the data that was written',
    rule: 'Chromium\'s EventSource MUST dispatch, for every `writeSSE`, a message whose data is what was written (line breaks as LF, lone surrogates as U+FFFD), including multi-line, CR-only, CRLF, empty and non-ASCII data.',
    rationale: 'The browser is the client most event streams are written for.',
    source: 'WHATWG HTML §9.2.5, §9.2.6',
  }),
  requirement('BROWSER-002', 'MUST', {
    ...browser,
    title: 'chromium dispatches custom event types',
    rule: 'Chromium MUST dispatch an event written with `{ event: type }` to listeners of that type, and not to `onmessage`.',
    rationale: 'The guide\'s client page routes "greeting" and "progress" through addEventListener.',
    source: 'guide "Client-Side SSE"; WHATWG HTML §9.2.6',
  }),
  requirement('BROWSER-003', 'MUST', {
    ...browser,
    title: 'chromium sees event ids',
    rule: 'Chromium\'s `lastEventId` MUST equal the `id` of each event written with one, and an id refused for NUL MUST leave it unchanged.',
    rationale: 'Ids are how a browser resumes after a drop.',
    source: 'WHATWG HTML §9.2.6 (id field)',
  }),
  requirement('BROWSER-004', 'MUST', {
    ...browser,
    title: 'chromium honours retry and resumes',
    rule: 'After the stream ends, Chromium MUST reconnect no sooner than `retry` ms and send `Last-Event-ID`, which the handler sees.',
    rationale: 'Reconnection is the EventSource feature that plain fetch does not give.',
    source: 'WHATWG HTML §9.2.4, §9.2.6 (retry field)',
  }),
] as const;
