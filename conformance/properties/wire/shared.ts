/**
 * What the wire checks share: how long an exchange may take, the routes that
 * play a run's instructions, and the preconditions that make a run
 * unjudgeable by a check (a body not in chunked coding, an HTTP/2 response
 * the client rejected).
 */
import type fc from 'fast-check';
import type { GeneratorResponseKind, StreamProducer, WirePart } from '../../arbitraries/wire.ts';
import type { Context } from '../../adapter/under-test.ts';
import type { Handler } from '../../drive/exchange.ts';
import type { CheckContext } from '../../runner/check.ts';
import { checkProperty } from '../../runner/property.ts';
import { describeParts } from '../../wire/describe.ts';
import { H2_PROTOCOL_ERROR, h2ErrorName } from '../../wire/h2-client.ts';
import { fieldValues, type HeaderField, type ParsedHttp1Response } from '../../wire/http1-parse.ts';
import type { Judging } from '../../wire/judging.ts';
import { produceFailingGenerator, produceStream } from '../../wire/produce.ts';
import type { RawHttp1Result } from '../../wire/raw-http1.ts';
import { withWireServer, type RunTable, type WireProtocol } from '../../wire/wire-server.ts';

/** How long one exchange may take to end (ms). */
export const END_WAIT_MS = 2000;

/** How a check names a protocol in its titles and messages. */
export const PROTOCOL_NAME: Record<WireProtocol, string> = { http1: 'HTTP/1.1', http2: 'HTTP/2' };

/** How a wire check runs: the protocol, what its one server serves, fast-check's parameters, and the check's {@link Judging} if it keeps one. */
export interface WireCheckFrame {
  protocol: WireProtocol;
  handler: Handler;
  parameters: Partial<fc.Parameters<unknown>>;
  judging?: Judging;
}

/**
 * The frame of every wire check: ONE server over `frame.protocol` serving
 * `frame.handler` for the whole check, and the property `property` makes
 * with its base URL, checked with `frame.parameters`; then the check's
 * judging, when it keeps one, concludes (blocked when no run was judged).
 */
export async function checkOnWireServer<Ts>(ctx: CheckContext, frame: WireCheckFrame, property: (baseUrl: string) => fc.IAsyncPropertyWithHooks<Ts>): Promise<void> {
  await withWireServer(ctx, frame.protocol, frame.handler, (baseUrl) => checkProperty(ctx, property(baseUrl), frame.parameters as Partial<fc.Parameters<Ts>>));
  frame.judging?.conclude();
}

export function streamCase(producer: StreamProducer, parts: readonly WirePart[]): string {
  return `a stream (${producer}: ${describeParts(parts)})`;
}

/** A route serving {@link produceStream} runs. */
export function streamRoute(runs: RunTable<{ producer: StreamProducer; parts: WirePart[] }>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    return produceStream(ctx, run.producer, run.parts);
  };
}

/** A route whose generator yields the run's values, then throws. */
export function failingGeneratorRoute(runs: RunTable<{ kind: GeneratorResponseKind; values: string[] }>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    return produceFailingGenerator(ctx, run.kind, run.values);
  };
}

/** The transfer codings of a head, in order, lower case (`Transfer-Encoding: gzip, chunked` → gzip, chunked). */
export function transferCodings(fields: readonly HeaderField[]): string[] {
  return fieldValues(fields, 'transfer-encoding')
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '');
}

/** How a head frames its body, in words: `Content-Length: 0`, `no Transfer-Encoding and no Content-Length`. */
export function describeFraming(response: ParsedHttp1Response): string {
  const fields = response.head?.fields ?? [];
  const lengths = fieldValues(fields, 'content-length');
  const codings = transferCodings(fields);
  if (lengths.length > 0) return `Content-Length: ${lengths.join(', ')}${codings.length > 0 ? ` and Transfer-Encoding: ${codings.join(', ')}` : ''}`;
  if (codings.length > 0) return `Transfer-Encoding: ${codings.join(', ')}`;
  return 'no Transfer-Encoding and no Content-Length (a body delimited by the connection closing)';
}

/**
 * Records a run whose body is not in chunked coding as unjudgeable by a rule
 * about chunked coding: WIRE-001 judges the framing. True when it was.
 */
export function notChunked(judging: Judging, result: RawHttp1Result, subject: string): boolean {
  const { response } = result;
  if (response.head === undefined || response.framing === 'chunked' || response.framing === 'none') return false;
  judging.unmet(
    'chunked',
    'WIRE-001',
    `${subject} was sent with ${describeFraming(response)}, not in chunked coding, so there is no last chunk to judge (WIRE-001 judges the framing)`,
  );
  return true;
}

/**
 * Records an HTTP/2 stream the client reset with PROTOCOL_ERROR before any
 * response headers — how it rejects a malformed response, e.g. one with a
 * connection-specific field — as unjudgeable: WIRE-011 judges the fields.
 * True when it was.
 */
export function rejectedByClient(judging: Judging, state: { status: number | undefined; rstCode: number | undefined }, subject: string): boolean {
  if (state.status !== undefined || state.rstCode !== H2_PROTOCOL_ERROR) return false;
  judging.unmet(
    'rejected',
    'WIRE-011',
    `${subject}: the client reset the stream with ${h2ErrorName(H2_PROTOCOL_ERROR)} before any response headers, as it rejects a malformed response (WIRE-011 judges the response's fields)`,
  );
  return true;
}
