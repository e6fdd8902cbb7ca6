/** Generator streams (`streamResponse`, and the iterables of `chunkedResponse` / `sseResponse`): guide "Async Generator Streaming"; spec §2. */
import { requirement } from './define.ts';

export const genRequirements = [
  requirement('GEN-001', 'MUST', {
    title: 'yielded strings arrive as UTF-8 in order',
    rule: '`streamResponse` MUST send each yielded string as its UTF-8 bytes, in order, nothing added.',
    rationale: 'The guide\'s generator example yields lines of text.',
    source: 'guide "Basic Generator Streaming"',
  }),
  requirement('GEN-002', 'MUST', {
    title: 'yielded bytes arrive as is',
    rule: '`streamResponse` MUST send each yielded Uint8Array unchanged, in order.',
    rationale: 'The guide\'s binary generator yields random buffers for a download.',
    source: 'guide "Binary Generator Streaming"',
  }),
  requirement('GEN-003', 'SHOULD', {
    title: 'sync iterables accepted',
    rule: '`streamResponse`, `chunkedResponse` and `sseResponse` SHOULD accept synchronous iterables (arrays, generators) as well as async ones.',
    rationale: 'Wrapping an array in an async generator is ceremony; `chunkedResponse` already takes an array.',
    source: 'guide "Array-Based Chunking"',
  }),
  requirement('GEN-004', 'MUST', {
    title: 'generators are pulled, not drained',
    rule: 'An implementation MUST NOT drain a generator: while the client reads nothing, it asks the generator for a bounded number of values ahead of what the client has read (in process: at most 256 small values; over a socket: what the socket buffers hold plus a few MiB). A bounded read-ahead is allowed.',
    rationale: 'Draining an endless or huge generator into a queue grows memory without bound while a slow client reads. How far ahead a pull-based body reads is the implementation\'s choice (each stream stage has its own queue; Node\'s Readable.from reads 16 values ahead): the bound only has to tell a bounded read-ahead from a drain.',
    source: 'spec §2.12 (generators are pulled, not drained)',
  }),
  requirement('GEN-005', 'MUST', {
    title: 'a finished generator ends the body cleanly',
    rule: 'When the generator returns, the body MUST end normally after the last value (an empty generator gives an empty body).',
    rationale: 'A body that never ends hangs the client; one that errors looks like a failure.',
    source: 'guide "Async Generator Streaming"',
  }),
  requirement('GEN-006', 'MUST', {
    title: 'a generator error ends the body in error',
    rule: 'When the generator throws, the body MUST end in error (a reader\'s `read()` rejects), after the values yielded before it — never a clean end.',
    rationale: 'A clean end after an error makes a truncated download look complete.',
    source: 'spec §2.13 (errors inside streams)',
  }),
  requirement('GEN-007', 'SHOULD', {
    title: 'values streamResponse cannot send end the body in error',
    rule: 'A value yielded to `streamResponse` that is neither text nor binary data (a string, a Uint8Array; an ArrayBuffer or another view may be sent as its bytes, as for STREAM-006) SHOULD end the body in error rather than be sent stringified.',
    rationale: '"[object Object]" in a download is a silent bug; `chunkedResponse` and `sseResponse` are the calls for values.',
    source: 'guide "Async Generator Streaming"',
  }),
  requirement('GEN-008', 'SHOULD', {
    title: 'a source that is not iterable is a TypeError at the call',
    rule: '`streamResponse`, `chunkedResponse` and `sseResponse` given a source that is neither an async iterable nor an iterable (a number, a boolean, null, undefined, a plain object, a bare iterator) SHOULD throw a TypeError at the call (or return a promise that rejects with one), before a response exists.',
    rationale: 'Otherwise the handler answers 200 with a body that fails when it is read, far from the mistake. Validation errors are TypeErrors thrown by the call that received the bad value (spec §1), but the guide does not say what a bad source does, so refusing it at the call is the project\'s choice: SHOULD (spec §2a Levels).',
    source: 'spec §1 (validation errors); guide "Async Generator Streaming"',
  }),
] as const;
