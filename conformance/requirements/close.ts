/** Close, abort and errors: guide "Client Disconnection", "Real-time Chat"; spec §2. */
import { requirement } from './define.ts';

export const closeRequirements = [
  requirement('CLOSE-001', 'MUST', {
    title: 'close flushes and ends the body normally',
    rule: '`close()` MUST deliver everything written before it and end the body normally.',
    rationale: 'The guide ends every manual stream with close(); losing the tail loses the result.',
    source: 'guide "Stream Control Methods"; spec §2.10 (closing a manual stream)',
  }),
  requirement('CLOSE-002', 'MUST', {
    title: 'a second close does nothing',
    rule: 'A second `close()` MUST neither throw nor send anything.',
    rationale: 'The guide\'s resilient example closes from both an abort listener and a finally block.',
    source: 'guide "Client Disconnection"; spec §2.10 (closing a manual stream)',
  }),
  requirement('CLOSE-003', 'MUST', {
    title: 'writes after close throw and send nothing',
    rule: 'After `close()`, `write`, `writeChunk` and `writeSSE` MUST throw an Error with a message, synchronously (returning a promise, rejected or not, is not throwing), and send nothing — on every kind of stream, event streams included.',
    rationale: 'A silently ignored write hides a logic error; the chat example relies on the throw to drop dead clients, and calls writeSSE without awaiting it, so a rejected promise is an unhandled rejection instead.',
    source: 'guide "Real-time Chat"; spec §2.10 (closing a manual stream)',
  }),
  requirement('CLOSE-004', 'MUST', {
    title: 'writes after the client went away throw',
    rule: 'After the client went away (request signal aborted, or the body cancelled), `write`, `writeChunk` and `writeSSE` MUST throw an Error with a message, synchronously, on every kind of stream.',
    rationale: 'Otherwise a chat room keeps writing to every disconnected client forever.',
    source: 'guide "Real-time Chat"; spec §2.10, §2.11',
  }),
  requirement('CLOSE-005', 'MUST', {
    title: 'body cancel returns the generator',
    rule: 'When the client cancels the body, the implementation MUST call the generator\'s `return()`, so its `finally` runs, within 1 s.',
    rationale: 'Generators hold resources (files, subscriptions, timers) that only their finally blocks release.',
    source: 'spec §2.11 (client disconnection)',
  }),
  requirement('CLOSE-006', 'MUST', {
    title: 'request abort returns the generator',
    rule: 'When the request\'s `signal` aborts, the implementation MUST call the generator\'s `return()`, so its `finally` runs, within 1 s.',
    rationale: 'Runtimes report a gone client through the request signal (guide "Client Disconnection").',
    source: 'guide "Client Disconnection"; spec §2.11 (client disconnection)',
  }),
  requirement('CLOSE-007', 'MUST', {
    title: 'request abort is seen by the handler',
    rule: 'The request a handler receives MUST be one whose `signal` aborts when the client goes away.',
    rationale: 'The guide\'s chat and log examples clean up in an abort listener on `ctx.req.signal`.',
    source: 'guide "Client Disconnection", "Log Streaming"',
  }),
  requirement('CLOSE-008', 'MUST', {
    title: 'close after the client went away does nothing',
    rule: '`close()` on a stream whose client went away MUST neither throw nor send anything.',
    rationale: 'The guide calls close() from its abort listener; a throw there is an uncaught exception.',
    source: 'guide "Client Disconnection"',
  }),
  requirement('CLOSE-009', 'MUST', {
    title: 'no unhandled rejection, ever',
    rule: 'No sequence of stream calls, closes, errors and client aborts, on any kind of stream, MUST cause an unhandled promise rejection or an uncaught exception, at the call or on a later tick.',
    rationale: 'Node ends the process on an unhandled rejection: one disconnecting client would take the server down.',
    source: 'spec §2.10 (closing a manual stream)',
  }),
  requirement('CLOSE-010', 'SHOULD', {
    title: 'closed tells when a manual stream ended',
    rule: 'A manual stream SHOULD expose `closed`, a promise that resolves once the stream ended by `close()` or because the client went away.',
    rationale: 'Handlers that broadcast (chat) need one place to clean up, whatever ended the stream.',
    source: 'spec §2.10 (closing a manual stream)',
  }),
] as const;
