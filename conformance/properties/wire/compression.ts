/**
 * WIRE-009: an event stream carries no Content-Encoding, over HTTP/1.1 and
 * over HTTP/2, even when the request accepts gzip; and its payload is not
 * compressed under another name. One check, run over either protocol.
 */
import fc from 'fast-check';
import { acceptEncoding, eventStreamProducer, wireEvents, type EventStreamProducer } from '../../arbitraries/wire.ts';
import type { Context } from '../../adapter/under-test.ts';
import { clientView } from '../../oracles/event-stream.ts';
import type { Check, CheckContext } from '../../runner/check.ts';
import { expectThat, Mismatch } from '../../runner/property.ts';
import { describeFields, describeH2End, describeHttp1End, excerpt } from '../../wire/describe.ts';
import { decompressedVariants } from '../../wire/compression.ts';
import { fieldValues, type HeaderField } from '../../wire/http1-parse.ts';
import { Judging } from '../../wire/judging.ts';
import { produceEventStream } from '../../wire/produce.ts';
import { overHttp1, overHttp2, socketParameters } from '../../wire/run-exchange.ts';
import { RunTable, type WireProtocol } from '../../wire/wire-server.ts';
import { checkOnWireServer, END_WAIT_MS, headRefused, PROTOCOL_NAME, refusalKnown, type InProcess } from './shared.ts';

function eventStreamRoute(runs: RunTable<{ producer: EventStreamProducer; events: string[] }>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    return produceEventStream(ctx, run.producer, run.events);
  };
}

/** The data of every event a WHATWG client dispatches from `payload`. */
function dispatchedData(payload: Uint8Array): string[] {
  return clientView(payload).events.map((event) => event.data);
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, index) => text === b[index]);
}

/**
 * No Content-Encoding, and no compressed payload under another name. A
 * payload that dispatches other events than were written but is not
 * compressed in any coding is a framing matter (SSE-004, SSE-018), not this
 * rule's.
 */
function judgeNoContentEncoding(protocol: string, producer: EventStreamProducer, accept: string, events: readonly string[], fields: readonly HeaderField[], payload: Uint8Array): void {
  const subject = `over ${protocol}, an event stream (${producer}, ${events.length} event(s)) requested with Accept-Encoding: ${accept}`;
  const encodings = fieldValues(fields, 'content-encoding');
  expectThat(
    encodings.length === 0,
    `${subject} carries Content-Encoding: ${encodings.join(', ')}: event streams must not be compressed (compressors hold events back until a block fills). Header fields: ${describeFields(fields)}`,
  );
  if (sameTexts(dispatchedData(payload), events)) return;
  const compressed = decompressedVariants(payload).find((variant) => sameTexts(dispatchedData(variant.bytes), events));
  expectThat(
    compressed === undefined,
    `${subject} carries no Content-Encoding, but its payload ${excerpt(payload)} is ${compressed?.coding ?? ''}-compressed (decompressed, it reads as the events written): event streams must not be compressed (compressors hold events back until a block fills)`,
  );
}

/**
 * One exchange over `protocol` requesting the run with `Accept-Encoding:
 * accept`: `judge` gets the response's fields and payload once it ended,
 * unless the run is unjudgeable (over HTTP/2, a response refused for its
 * fields: WIRE-011's, {@link headRefused}). A response without a head fails the run.
 */
async function finishedEventStream(
  protocol: WireProtocol,
  ctx: CheckContext,
  baseUrl: string,
  inProcess: InProcess,
  path: string,
  accept: string,
  judging: Judging,
  producer: EventStreamProducer,
  judge: (fields: readonly HeaderField[], payload: Uint8Array) => void,
): Promise<void> {
  if (protocol === 'http1') {
    return overHttp1(ctx, baseUrl, { path, headers: [['Accept-Encoding', accept]] }, async (exchange) => {
      const result = await exchange.finish(END_WAIT_MS, ctx.signal);
      if (result.response.head === undefined) throw new Mismatch(`over HTTP/1.1, an event stream: ${describeHttp1End(result, END_WAIT_MS)}`);
      judging.judge();
      judge(result.response.head.fields, result.response.payload);
    });
  }
  if (await refusalKnown(judging, inProcess, path)) return;
  return overHttp2(ctx, baseUrl, { path, headers: { 'accept-encoding': accept } }, async (exchange) => {
    const result = await exchange.finish(END_WAIT_MS, ctx.signal);
    if (await headRefused(judging, result, `over HTTP/2, an event stream (${producer})`, inProcess, path)) return;
    if (result.status === undefined) throw new Mismatch(`over HTTP/2, an event stream: ${describeH2End(result, END_WAIT_MS)}`);
    judging.judge();
    judge(result.fields, result.payload);
  });
}

/** The WIRE-009 check over `protocol`. */
export function noContentEncodingCheck(protocol: WireProtocol): Check {
  const name = PROTOCOL_NAME[protocol];
  return {
    requirement: 'WIRE-009',
    title: `an event stream over ${name} carries no Content-Encoding even when gzip is accepted`,
    run: (ctx) => {
      const runs = new RunTable<{ producer: EventStreamProducer; events: string[] }>();
      const judging = new Judging();
      return checkOnWireServer(ctx, { protocol, handler: eventStreamRoute(runs), parameters: socketParameters(ctx, 10), judging }, (baseUrl, inProcess) =>
        fc.asyncProperty(eventStreamProducer(), wireEvents(), acceptEncoding(), async (producer, events, accept) => {
          const path = runs.add({ producer, events });
          await finishedEventStream(protocol, ctx, baseUrl, inProcess, path, accept, judging, producer, (fields, payload) =>
            judgeNoContentEncoding(name, producer, accept, events, fields, payload),
          );
        }),
      );
    },
  };
}
