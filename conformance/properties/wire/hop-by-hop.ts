/**
 * The fields of the connection, not of the message: over HTTP/1.1 the
 * hop-by-hop fields come once (WIRE-005, RFC 9112 §6.1, RFC 9110 §7.6.1);
 * over HTTP/2 there are none (WIRE-011, RFC 9113 §8.2.2).
 */
import fc from 'fast-check';
import { hopByHopProducer, requestConnection, wireParts, type HopByHopProducer, type WirePart } from '../../arbitraries/wire.ts';
import { escapeText } from '../../bytes/escape.ts';
import type { Context } from '../../adapter/under-test.ts';
import type { Check } from '../../runner/check.ts';
import { expectThat, Mismatch } from '../../runner/property.ts';
import { describeFields, describeH2End } from '../../wire/describe.ts';
import { H2_PROTOCOL_ERROR, h2ErrorName } from '../../wire/h2-client.ts';
import { fieldValues } from '../../wire/http1-parse.ts';
import { produceEventStream, produceStream } from '../../wire/produce.ts';
import { overHttp1, overHttp2, socketParameters, writeArgument } from '../../wire/run-exchange.ts';
import { RunTable } from '../../wire/wire-server.ts';
import { checkOnWireServer, CONNECTION_SPECIFIC_FIELDS, connectionSpecificFieldsOf, END_WAIT_MS, transferCodings } from './shared.ts';

/** Fields HTTP/2 forbids in any message (RFC 9113 §8.2.2). */

// WIRE-005 ------------------------------------------------------------------

/** Produces a run of any {@link HopByHopProducer}: event streams carry the text parts (bytes as "bytes"), line breaks as spaces. */
function produceAny(ctx: Context, producer: HopByHopProducer, parts: readonly WirePart[]): unknown {
  if (producer === 'sse-response' || producer === 'manual-write-sse') {
    return produceEventStream(ctx, producer, parts.map((part) => (part.kind === 'text' ? part.text.replace(/[\r\n]/g, ' ') : 'bytes')));
  }
  if (producer === 'chunkedResponse') return ctx.chunkedResponse(parts.map(writeArgument));
  return produceStream(ctx, producer, parts);
}

/** A route serving {@link produceAny} runs. */
function hopByHopRoute(runs: RunTable<{ producer: HopByHopProducer; parts: WirePart[] }>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    return produceAny(ctx, run.producer, run.parts);
  };
}

export const http1HopByHopOnce: Check = {
  requirement: 'WIRE-005',
  title: 'Transfer-Encoding appears once as chunked, Connection and Keep-Alive at most once',
  run: (ctx) => {
    const runs = new RunTable<{ producer: HopByHopProducer; parts: WirePart[] }>();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: hopByHopRoute(runs), parameters: socketParameters(ctx, 15) }, (baseUrl) =>
      fc.asyncProperty(hopByHopProducer(), wireParts({ maxLength: 3 }), requestConnection(), async (producer, parts, connection) => {
        const path = runs.add({ producer, parts });
        const headers: [string, string][] = connection === undefined ? [] : [['Connection', connection]];
        await overHttp1(ctx, baseUrl, { path, headers }, async (exchange) => {
          const { head } = await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal);
          const fields = head!.fields;
          const subject = `over HTTP/1.1, a ${producer} response to a request with ${connection === undefined ? 'no Connection field' : `Connection: ${connection}`}`;
          const te = fieldValues(fields, 'transfer-encoding');
          const codings = transferCodings(fields);
          // A body not in chunked coding (Content-Length, or neither field) is WIRE-001's to judge; its Connection fields are still judged here.
          if (codings.at(-1) === 'chunked') {
            expectThat(
              te.length === 1 && new Set(codings).size === codings.length,
              `${subject} carries ${te.length} Transfer-Encoding field line(s) (${te.map((value) => `"${escapeText(value)}"`).join(', ')}): expected exactly one, naming chunked once (RFC 9112 §6.1; a duplicated coding reads as chunked twice). Header fields: ${describeFields(fields)}`,
            );
          }
          for (const name of ['Connection', 'Keep-Alive']) {
            const values = fieldValues(fields, name);
            expectThat(
              values.length <= 1,
              `${subject} carries ${values.length} ${name} field lines (${values.map((value) => `"${escapeText(value)}"`).join(', ')}): expected at most one, the server's own (RFC 9110 §7.6.1). Header fields: ${describeFields(fields)}`,
            );
          }
        });
      }),
    );
  },
};

// WIRE-011 ------------------------------------------------------------------

export const http2NoConnectionFields: Check = {
  requirement: 'WIRE-011',
  title: 'a stream response over HTTP/2 carries no connection-specific fields',
  run: (ctx) => {
    const runs = new RunTable<{ producer: HopByHopProducer; parts: WirePart[] }>();
    return checkOnWireServer(ctx, { protocol: 'http2', handler: hopByHopRoute(runs), parameters: socketParameters(ctx, 12) }, (baseUrl, inProcess) =>
      fc.asyncProperty(hopByHopProducer(), wireParts({ maxLength: 3 }), async (producer, parts) => {
        const path = runs.add({ producer, parts });
        await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
          const result = await exchange.finish(END_WAIT_MS, ctx.signal);
          const subject = `over HTTP/2, a ${producer} response`;
          if (result.status === undefined) {
            const protocolError = result.rstCode === H2_PROTOCOL_ERROR;
            const own = connectionSpecificFieldsOf(await inProcess.headers(path));
            if (own.length > 0) {
              throw new Mismatch(
                `${subject}: ${describeH2End(result, END_WAIT_MS)} before any response headers, and the app's own Response carries ${own.join(', ')}: HTTP/2 forbids connection-specific fields (RFC 9113 §8.2.2), and its server sent no head at all`,
              );
            }
            throw new Mismatch(
              `${subject}: ${describeH2End(result, END_WAIT_MS)} before any response headers${protocolError ? ` — ${h2ErrorName(H2_PROTOCOL_ERROR)} is how an HTTP/2 client rejects a malformed response, e.g. one with Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding or Upgrade (RFC 9113 §8.2.2)` : ''}`,
            );
          }
          const forbidden = result.fields.filter((field) => (CONNECTION_SPECIFIC_FIELDS as readonly string[]).includes(field.name.toLowerCase()));
          expectThat(
            forbidden.length === 0,
            `${subject} carries ${describeFields(forbidden)}: HTTP/2 forbids connection-specific fields (RFC 9113 §8.2.2). Header fields: ${describeFields(result.fields)}`,
          );
        });
      }),
    );
  },
};
