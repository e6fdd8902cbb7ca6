/**
 * How a stream ends over HTTP/2 (WIRE-012): a finished one with END_STREAM
 * and the exact payload (RFC 9113 §8.1), one whose generator threw with
 * RST_STREAM (RFC 9113 §6.4).
 */
import fc from 'fast-check';
import { generatorResponseKind, streamProducer, valuesBeforeThrow, wireParts, type GeneratorResponseKind, type StreamProducer, type WirePart } from '../../arbitraries/wire.ts';
import { bytesEqual } from '../../bytes/bytes.ts';
import type { Check } from '../../runner/check.ts';
import { expectThat } from '../../runner/property.ts';
import { describeH2End, excerpt } from '../../wire/describe.ts';
import { Judging } from '../../wire/judging.ts';
import { expectedPayload } from '../../wire/produce.ts';
import { overHttp2, socketParameters } from '../../wire/run-exchange.ts';
import { RunTable } from '../../wire/wire-server.ts';
import { checkOnWireServer, END_WAIT_MS, endedCleanInProcess, failingGeneratorRoute, headRefused, refusalKnown, streamCase, streamRoute } from './shared.ts';

// WIRE-012 ------------------------------------------------------------------

export const http2CleanEnd: Check = {
  requirement: 'WIRE-012',
  title: 'a finished stream over HTTP/2 ends with END_STREAM and the exact payload',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    const judging = new Judging();
    return checkOnWireServer(ctx, { protocol: 'http2', handler: streamRoute(runs), parameters: socketParameters(ctx, 12, { endOnFailure: true }), judging }, (baseUrl, inProcess) =>
      fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
        const path = runs.add({ producer, parts });
        if (await refusalKnown(judging, inProcess, path)) return;
        await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
          const result = await exchange.finish(END_WAIT_MS, ctx.signal);
          if (await headRefused(judging, result, `over HTTP/2, ${streamCase(producer, parts)}`, inProcess, path)) return;
          judging.judge();
          const expected = expectedPayload(parts);
          expectThat(
            result.end === 'end-stream',
            `over HTTP/2, ${streamCase(producer, parts)} ended with ${describeH2End(result, END_WAIT_MS)}: expected END_STREAM (RFC 9113 §8.1)`,
          );
          expectThat(
            bytesEqual(result.payload, expected),
            `over HTTP/2, ${streamCase(producer, parts)}: the DATA payload is ${excerpt(result.payload)} but the handler wrote ${excerpt(expected)}`,
          );
        });
      }),
    );
  },
};

export const http2ResetOnError: Check = {
  requirement: 'WIRE-012',
  title: 'a generator that throws resets the HTTP/2 stream (RST_STREAM), never END_STREAM',
  run: (ctx) => {
    const runs = new RunTable<{ kind: GeneratorResponseKind; values: string[] }>();
    const judging = new Judging();
    return checkOnWireServer(ctx, { protocol: 'http2', handler: failingGeneratorRoute(runs), parameters: socketParameters(ctx, 12, { endOnFailure: true }), judging }, (baseUrl, inProcess) =>
      fc.asyncProperty(generatorResponseKind(), valuesBeforeThrow(), async (kind, values) => {
        const path = runs.add({ kind, values });
        if (await refusalKnown(judging, inProcess, path)) return;
        await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
          const result = await exchange.finish(END_WAIT_MS, ctx.signal);
          // A reset the client made itself, rejecting the response, says nothing about how the server ends a failed stream.
          const subject = `over HTTP/2, a ${kind} whose generator yielded ${values.length} value(s) and then threw`;
          if (await headRefused(judging, result, subject, inProcess, path)) return;
          if (result.end !== 'reset' && (await endedCleanInProcess(judging, inProcess, path, subject))) return;
          judging.judge();
          expectThat(
            result.end === 'reset',
            `over HTTP/2, a ${kind} whose generator yielded ${values.length} value(s) and then threw ended with ${describeH2End(result, END_WAIT_MS)}: expected RST_STREAM (RFC 9113 §6.4), so the client can tell the body was cut short`,
          );
        });
      }),
    );
  },
};
