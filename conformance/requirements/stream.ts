/** Manual streams (`createStream`): guide "Manual Streaming", "Memory Management"; spec §2. */
import { requirement } from './define.ts';

export const streamRequirements = [
  requirement('STREAM-001', 'MUST', {
    title: 'write sends text as UTF-8 in order',
    rule: '`write(string)` MUST send the string\'s UTF-8 bytes, and successive writes MUST arrive in call order with nothing between them.',
    rationale: 'The guide\'s test reads back exactly "chunk1\\nchunk2\\n".',
    source: 'guide "Manual Streaming", "Testing"',
  }),
  requirement('STREAM-002', 'MUST', {
    title: 'write sends bytes as is',
    rule: '`write(Uint8Array)` MUST send the bytes unchanged.',
    rationale: 'The guide writes `new Uint8Array([1, 2, 3, 4])` and pre-encoded JSON.',
    source: 'guide "Stream Control Methods", "Performance Optimization"',
  }),
  requirement('STREAM-003', 'MUST', {
    title: 'response exists before the first write',
    rule: '`stream.response` MUST exist as soon as `createStream` resolves; a handler may return it and write afterwards, and those writes arrive (the response head may come before the first write or with it).',
    rationale: 'The chat, custom-SSE and log examples return the response and write later from timers and events.',
    source: 'guide "Custom SSE Events", "Real-time Chat", "Log Streaming"; spec §2.2 (the response first)',
  }),
  requirement('STREAM-004', 'MUST', {
    title: 'mixed writes arrive in call order',
    rule: 'Any sequence of `write`, `writeChunk` and `writeSSE` MUST produce the concatenation of each call\'s bytes in call order.',
    rationale: 'One stream, one order: reordering or dropping between kinds of writes corrupts the body.',
    source: 'guide "Stream Control Methods"',
  }),
  requirement('STREAM-005', 'MUST', {
    title: 'an empty write sends nothing and does not end the stream',
    rule: '`write("")` and `write(new Uint8Array(0))` MUST send no bytes and MUST NOT end the body.',
    rationale: 'An empty HTTP/1.1 chunk is the end marker; passing it to the transport ends the response early.',
    source: 'RFC 9112 §7.1 (last-chunk); spec §2.14 (on the wire)',
  }),
  requirement('STREAM-006', 'SHOULD', {
    title: 'write rejects what is not text or bytes',
    rule: '`write` with a value that is neither text nor binary data (a number, a boolean, null, undefined, a plain object or array) SHOULD throw a TypeError and write nothing. Binary views other than Uint8Array (ArrayBuffer, DataView, other typed arrays) may be taken as bytes.',
    rationale: 'Writing `[object Object]` or "42" silently sends the wrong bytes; `writeChunk` is the call for values. The guide says what write takes (text or binary data), not what it does with anything else, so refusing is the project\'s choice: SHOULD (changed from MUST, spec §2a Levels).',
    source: 'guide "Stream Control Methods" (text or binary data)',
  }),
  requirement('STREAM-007', 'SHOULD', {
    title: 'invalid stream options are a TypeError',
    rule: '`createStream` SHOULD throw (or reject with) a TypeError for a `bufferSize` that is not a positive integer, a `flushInterval` that is not a non-negative finite number, a `contentType` that is not a string, `headers` that are not an object, options that are neither an object nor undefined, a non-string header value, a header name that is not an HTTP token, or a header value with CR, LF or NUL inside it.',
    rationale: 'A negative buffer or a NaN interval otherwise turns into a stream that never flushes; a CR or LF inside a header value would split it into fields of the caller\'s choosing (RFC 9110 §5.5 calls such values invalid and dangerous; Fetch\'s Headers refuses them with a TypeError). The guide gives the options\' types, not what a bad value does, so the TypeError is the project\'s choice: SHOULD (changed from MUST, spec §2a Levels).',
    source: 'guide StreamingOptions; spec §2.3, §2.4 (bufferSize, flushInterval); RFC 9110 §5.5, §5.6.2 (field values, tokens)',
  }),
  requirement('STREAM-008', 'MUST', {
    title: 'coalesced writes keep every byte',
    rule: 'With `flushInterval` (and `bufferSize`) set, every byte written before `close()` MUST arrive, in order.',
    rationale: 'Coalescing trades latency for fewer chunks; it must never trade away data.',
    source: 'guide "Performance Optimization"; spec §2.4 (flushInterval)',
  }),
  requirement('STREAM-009', 'SHOULD', {
    title: 'a writer can await capacity',
    rule: 'A manual stream SHOULD expose `ready`, a promise that resolves while what is queued is below `bufferSize` (the high-water mark), so a writer can wait for a slow client.',
    rationale: 'Without it, a fast producer and a slow client grow the server\'s memory without bound.',
    source: 'guide "Memory Management"; spec §2.3 (bufferSize is the high-water mark)',
  }),
  requirement('STREAM-010', 'MUST', {
    title: 'sequences behave like the model',
    rule: 'Any sequence of writes, closes and client aborts, in any interleaving, MUST leave a body that a client reads as the writes made before the first close or abort, in call order. (That every later write throws is CLOSE-003\'s and CLOSE-004\'s rule: a write that does not throw there leaves the model blocked by them.)',
    rationale: 'Real handlers interleave timers, events and disconnects; the model states the whole contract at once, and finds what no single-rule check provokes (a write lost while a read is pending).',
    source: 'spec §2.10 (closing a manual stream); spec §2a (model-based)',
  }),
] as const;
