/**
 * The wire area: what crosses a real socket on 127.0.0.1, over HTTP/1.1 (the
 * adapter's `listen`) and HTTP/2 cleartext (`listenHttp2`). Each check starts
 * ONE server and sends one request per property run; the route reads its
 * run's instructions from a table keyed by `?run=N`. Every failure attaches
 * the byte transcript (packet boundaries and arrival times).
 *
 * Each check judges its own rule only. What its rule presupposes and another
 * requirement judges — chunked coding for the last chunk (WIRE-001), the
 * delivery of values before a disconnect (WIRE-006), the exact payload
 * (WIRE-004) — makes a run unjudgeable, not failed: the run is skipped, and
 * the check is blocked by that requirement when no run could be judged
 * (`Judging`). Nothing waits for the response head before the first write: a
 * head that comes with the first body bytes is allowed (docs/spec.md §3 has
 * no rule about when the head is sent).
 *
 * By subject: `http1.ts` (how an HTTP/1.1 body is framed and ended),
 * `payload.ts` (the exact payload), `hop-by-hop.ts` (connection fields, both
 * protocols), `lockstep.ts`, `flush.ts`, `disconnect.ts`, `compression.ts`,
 * `http2.ts` (how an HTTP/2 stream ends), `pull.ts` (GEN-004 over a socket),
 * `eventsource.ts` (a real EventSource client).
 *
 * Spec: docs/spec.md §3 WIRE; RFC 9112 §6.1, §7.1; RFC 9113 §8.1, §8.2.2.
 */
import type { Check } from '../../runner/check.ts';
import { noContentEncodingCheck } from './compression.ts';
import { disconnectReachesHandler } from './disconnect.ts';
import { eventsArrive, lastEventIdReachesHandler, noReconnectAfter204, retrySetsDelay, sseResponseEventsArrive } from './eventsource.ts';
import { flushIntervalBound } from './flush.ts';
import { http1HopByHopOnce, http2NoConnectionFields } from './hop-by-hop.ts';
import { http1Chunked, http1EmptyWriteIsNotLastChunk, http1LastChunk, http1NoLastChunkOnError } from './http1.ts';
import { http2CleanEnd, http2ResetOnError } from './http2.ts';
import { lockstepCheck } from './lockstep.ts';
import { http1PayloadExact, http1PayloadExactUnderBackPressure } from './payload.ts';
import { pulledAsTheClientReads } from './pull.ts';

/** The wire checks: WIRE-001..012 and WIRE-017, and GEN-004 over a socket (WIRE-013..016 are {@link eventSourceChecks}). */
export const wireChecks: Check[] = [
  http1Chunked,
  http1LastChunk,
  http1NoLastChunkOnError,
  http1PayloadExact,
  http1PayloadExactUnderBackPressure,
  http1HopByHopOnce,
  lockstepCheck('http1'),
  flushIntervalBound,
  disconnectReachesHandler,
  noContentEncodingCheck('http1'),
  noContentEncodingCheck('http2'),
  lockstepCheck('http2'),
  http2NoConnectionFields,
  http2CleanEnd,
  http2ResetOnError,
  http1EmptyWriteIsNotLastChunk,
  pulledAsTheClientReads,
];

/** The checks of WIRE-013..016 (real `eventsource` client over a socket). */
export const eventSourceChecks: Check[] = [eventsArrive, sseResponseEventsArrive, lastEventIdReachesHandler, retrySetsDelay, noReconnectAfter204];
