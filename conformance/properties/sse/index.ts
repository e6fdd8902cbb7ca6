/**
 * SSE-001..022: Server-Sent Events framing. Each check judges the one part
 * of the stream its requirement is about, and chooses inputs whose verdict
 * does not hang on another requirement, so that one defect fails one id:
 *
 * - what a client dispatches is read with the dispatch model of
 *   `conformance/oracles` (WHATWG HTML §9.2.5–§9.2.6, proven against
 *   eventsource-parser and Chromium's EventSource, test/oracles/);
 * - a check about what one call sends (data, type, id, retry) writes that
 *   call alone and reads it as if the stream ended on an event boundary
 *   (`atEnd: 'dispatch'`): whether events are ended by blank lines is
 *   SSE-004's business between calls and SSE-015's at the end of the stream;
 * - header checks read the head of the response only;
 * - the grammar (SSE-015) is judged by SSE-015 alone, and accepts everything
 *   the format's ABNF allows (fields without the space, CR and CRLF line
 *   ends, comments, unknown fields);
 * - SSE-022 (a real client) compares what the `eventsource` package
 *   dispatches with what the model reads from the same bytes.
 *
 * By subject: `headers.ts` (the head), `data.ts` (the data of an event),
 * `fields.ts` (event, id, retry), `framing.ts` (events in the stream, the
 * grammar, comments), `clients.ts` (a real EventSource client).
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { forbiddenId, injectingEventType } from '../../arbitraries/sse-options.ts';
import { invalidRetry } from '../../arbitraries/values.ts';
import type { Check } from '../../runner/check.ts';
import { realClientFetch, realClientMsw } from './clients.ts';
import { dataColonSpace, dataSplitOnLineBreaks, emptyStringIsEvent, noInjection, nonStringIsJson, unicodeSurvives, unserializableRefused } from './data.ts';
import { eventSetsType, idSetsLastEventId, refusedFieldCheck, retrySent, sseResponseEventOption, sseResponseRetryFirst } from './fields.ts';
import { grammar, heartbeatComments, oneCallOneEvent, sseResponseOneEventPerValue } from './framing.ts';
import { accelBufferingDefault, contentTypeExact, noCacheDefault } from './headers.ts';

/** The checks of SSE-001..022. */
export const sseChecks: Check[] = [
  contentTypeExact,
  noCacheDefault,
  accelBufferingDefault,
  oneCallOneEvent,
  dataSplitOnLineBreaks,
  dataColonSpace,
  nonStringIsJson,
  unserializableRefused,
  emptyStringIsEvent,
  eventSetsType,
  idSetsLastEventId,
  refusedFieldCheck('SSE-012', 'writeSSE with an event containing CR or LF throws a TypeError and writes nothing', 'event', injectingEventType(), 'a line break in event would inject fields (WHATWG HTML §9.2.5)'),
  refusedFieldCheck('SSE-013', 'writeSSE with an id containing CR, LF or NUL throws a TypeError and writes nothing', 'id', forbiddenId(), 'a line break in id would inject fields, and a client ignores an id with NUL (WHATWG HTML §9.2.6)'),
  retrySent,
  refusedFieldCheck('SSE-014', 'writeSSE with a retry that is not a non-negative integer throws a TypeError and writes nothing', 'retry', invalidRetry(), 'retry must be a non-negative integer (WHATWG HTML §9.2.6)'),
  grammar,
  noInjection,
  unicodeSurvives,
  sseResponseOneEventPerValue,
  sseResponseEventOption,
  sseResponseRetryFirst,
  heartbeatComments,
  realClientFetch,
  realClientMsw,
];
