/**
 * How a stream's body is framed over HTTP/1.1 (RFC 9112 §6.1, §7.1): chunked
 * coding and no Content-Length (WIRE-001), the last chunk after a clean end
 * (WIRE-002), none after a generator threw (WIRE-003), and no zero-length
 * chunk for an empty write (WIRE-017).
 */
import fc from 'fast-check';
import { streamProducer, valuesBeforeThrow, wireParts, wirePartsWithEmptyWrites, generatorResponseKind, type GeneratorResponseKind, type StreamProducer, type WirePart } from '../../arbitraries/wire.ts';
import { bytesEqual } from '../../bytes/bytes.ts';
import type { RequirementId } from '../../requirements/types.ts';
import type { Check } from '../../runner/check.ts';
import { expectThat, Mismatch } from '../../runner/property.ts';
import { describeDifference, describeFields, describeHttp1End } from '../../wire/describe.ts';
import { fieldValues } from '../../wire/http1-parse.ts';
import { inProcessBody } from '../../wire/in-process.ts';
import { Judging } from '../../wire/judging.ts';
import { expectedPayload, partBytes, produceStream } from '../../wire/produce.ts';
import { overHttp1, socketParameters } from '../../wire/run-exchange.ts';
import { RunTable } from '../../wire/wire-server.ts';
import { checkOnWireServer, describeFraming, END_WAIT_MS, endedCleanInProcess, failingGeneratorRoute, notChunked, streamCase, streamRoute, transferCodings } from './shared.ts';

// WIRE-001 ------------------------------------------------------------------

export const http1Chunked: Check = {
  requirement: 'WIRE-001',
  title: 'a stream over HTTP/1.1 is sent with Transfer-Encoding: chunked and no Content-Length',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: streamRoute(runs), parameters: socketParameters(ctx, 15) }, (baseUrl) =>
      fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
        const path = runs.add({ producer, parts });
        await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
          // Every producer ends its stream, so the head comes at the latest with the end.
          const { head } = await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal);
          const codings = transferCodings(head!.fields);
          const lengths = fieldValues(head!.fields, 'content-length');
          expectThat(
            lengths.length === 0 && codings.at(-1) === 'chunked',
            `over HTTP/1.1, ${streamCase(producer, parts)} was sent with ${lengths.length > 0 ? `Content-Length: ${lengths.join(', ')}` : 'no Content-Length'} and ${codings.length > 0 ? `Transfer-Encoding: ${codings.join(', ')}` : 'no Transfer-Encoding'}: expected Transfer-Encoding: chunked and no Content-Length (RFC 9112 §6.1, §7.1). Header fields: ${describeFields(head!.fields)}`,
          );
        });
      }),
    );
  },
};

// WIRE-002 ------------------------------------------------------------------

export const http1LastChunk: Check = {
  requirement: 'WIRE-002',
  title: 'a stream over HTTP/1.1 ended by close() or a finished generator ends with the last chunk',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    const judging = new Judging();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: streamRoute(runs), parameters: socketParameters(ctx, 15, { endOnFailure: true }), judging }, (baseUrl) =>
      fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
        const path = runs.add({ producer, parts });
        await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
          const result = await exchange.finish(END_WAIT_MS, ctx.signal);
          if (notChunked(judging, result, `over HTTP/1.1, ${streamCase(producer, parts)}`)) return;
          judging.judge();
          const how = producer === 'generator' ? 'the generator finished' : 'close()';
          expectThat(
            result.end === 'complete' && result.response.lastChunk,
            `over HTTP/1.1, ${streamCase(producer, parts)} ended with ${describeHttp1End(result, END_WAIT_MS)} after ${how}: expected the last chunk 0\\r\\n\\r\\n (RFC 9112 §7.1)`,
          );
        });
      }),
    );
  },
};

// WIRE-003 ------------------------------------------------------------------

export const http1NoLastChunkOnError: Check = {
  requirement: 'WIRE-003',
  title: 'a generator that throws ends the HTTP/1.1 body without the last chunk, by closing the connection',
  run: (ctx) => {
    const runs = new RunTable<{ kind: GeneratorResponseKind; values: string[] }>();
    const judging = new Judging();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: failingGeneratorRoute(runs), parameters: socketParameters(ctx, 12, { endOnFailure: true }), judging }, (baseUrl, inProcess) =>
      fc.asyncProperty(generatorResponseKind(), valuesBeforeThrow(), async (kind, values) => {
        const path = runs.add({ kind, values });
        await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
          const result = await exchange.finish(END_WAIT_MS, ctx.signal);
          const subject = `over HTTP/1.1, a ${kind} whose generator yielded ${values.length} value(s) and then threw`;
          // Without a length and without chunked coding, closing is the only end there is: the client cannot tell, and WIRE-001 judges that.
          if (result.response.framing === 'until-close') {
            judging.unmet('framing', 'WIRE-001', `${subject} was sent with ${describeFraming(result.response)}, so no end can tell a cut-short body from a complete one (WIRE-001 judges the framing)`);
            return;
          }
          const looksClean = result.response.lastChunk || result.end === 'complete';
          if (looksClean && (await endedCleanInProcess(judging, inProcess, path, subject))) return;
          judging.judge();
          const cleanEnd = result.response.framing === 'content-length' ? 'a complete Content-Length body must not be sent' : 'the last chunk must not be sent';
          expectThat(
            !result.response.lastChunk && result.end !== 'malformed' && result.end !== 'complete',
            `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: after an error ${cleanEnd}, or the client takes a truncated body for a complete one (RFC 9112 §7.1, §8)`,
          );
          expectThat(
            result.end === 'closed',
            `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: expected the connection to close without the last chunk, so the client sees an incomplete body`,
          );
        });
      }),
    );
  },
};

// WIRE-017 ------------------------------------------------------------------

/** Whether `prefix` is a prefix of `bytes`. */
function isPrefix(prefix: Uint8Array, bytes: Uint8Array): boolean {
  return prefix.byteLength <= bytes.byteLength && bytesEqual(prefix, bytes.subarray(0, prefix.byteLength));
}

/** The in-process rule a stream that ends itself at an empty write breaks. */
function inProcessRuleOfEmptyWrites(producer: StreamProducer, parts: readonly WirePart[]): RequirementId {
  if (producer !== 'generator') return 'STREAM-005';
  const empty = parts.find((part) => partBytes(part).byteLength === 0);
  return empty?.kind === 'bytes' ? 'GEN-002' : 'GEN-001';
}

export const http1EmptyWriteIsNotLastChunk: Check = {
  requirement: 'WIRE-017',
  title: 'over HTTP/1.1, empty writes put no zero-length chunk on the wire: the body ends once, after everything written',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    const judging = new Judging();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: streamRoute(runs), parameters: socketParameters(ctx, 20), judging }, (baseUrl) =>
      fc.asyncProperty(streamProducer(), wirePartsWithEmptyWrites(), async (producer, parts) => {
        const path = runs.add({ producer, parts });
        await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
          const result = await exchange.finish(END_WAIT_MS, ctx.signal);
          const { response } = result;
          const subject = `over HTTP/1.1, ${streamCase(producer, parts)}`;
          const expected = expectedPayload(parts);
          if (notChunked(judging, result, subject)) return;
          if (result.end === 'complete' && response.excess === 0 && bytesEqual(response.payload, expected)) {
            judging.judge();
            return;
          }
          if (result.end === 'complete' && response.excess > 0) {
            judging.judge();
            throw new Mismatch(
              `${subject}: a zero-length chunk ended the body after ${response.payload.byteLength} of the ${expected.byteLength} bytes written, and ${response.excess} more bytes followed it (a client reads them as the next response): an empty write was sent as a chunk of size 0, which is the last chunk (RFC 9112 §7.1); an empty write must send nothing`,
            );
          }
          if (result.end === 'complete' && isPrefix(response.payload, expected)) {
            // Ended early and cleanly: at the empty write on the wire, or because the stream itself ends there?
            const rule = inProcessRuleOfEmptyWrites(producer, parts);
            const body = await inProcessBody(ctx, (c) => produceStream(c, producer, parts), END_WAIT_MS);
            if (body.end !== 'clean' || !bytesEqual(body.bytes, expected)) {
              judging.unmet(
                'in-process',
                rule,
                `${subject}: the body ended after ${response.payload.byteLength} of the ${expected.byteLength} bytes written, and in-process too (${body.bytes.byteLength} bytes, ${body.end === 'clean' ? 'ended cleanly' : `ended: ${body.end}`}): the stream itself ends at an empty write, which ${rule} judges`,
              );
              return;
            }
            judging.judge();
            throw new Mismatch(
              `${subject}: the body ended with the last chunk after ${response.payload.byteLength} of the ${expected.byteLength} bytes written, though in-process it has all of them: an empty write ended the body on the wire (a chunk of size 0 is the last chunk, RFC 9112 §7.1)`,
            );
          }
          // Not ended early: the body did not end with the last chunk, or its bytes differ otherwise — other rules.
          if (result.end === 'complete' || result.end === 'malformed') {
            judging.unmet('payload', 'WIRE-004', `${subject}: the payload differs ${describeDifference(response.payload, expected)} (${describeHttp1End(result, END_WAIT_MS)}), not by ending early: WIRE-004 judges the payload`);
          } else {
            judging.unmet('end', 'WIRE-002', `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: WIRE-002 judges how a stream ends`);
          }
        });
      }),
    );
  },
};
