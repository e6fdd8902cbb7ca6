/**
 * What the wire checks share: how long an exchange may take, the routes that
 * play a run's instructions, and the preconditions that make a run
 * unjudgeable by a check (a body not in chunked coding, an HTTP/2 response
 * the client rejected).
 */
import type fc from 'fast-check';
import type { GeneratorResponseKind, StreamProducer, WirePart } from '../../arbitraries/wire.ts';
import type { App, Context } from '../../adapter/under-test.ts';
import { readBody, type BodyEnd } from '../../drive/body.ts';
import { within, type Handler } from '../../drive/exchange.ts';
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
export async function checkOnWireServer<Ts>(
  ctx: CheckContext,
  frame: WireCheckFrame,
  property: (baseUrl: string, inProcess: InProcess) => fc.IAsyncPropertyWithHooks<Ts>,
): Promise<void> {
  await withWireServer(ctx, frame.protocol, frame.handler, (baseUrl, app) =>
    checkProperty(ctx, property(baseUrl, inProcessOf(ctx, app)), frame.parameters as Partial<fc.Parameters<Ts>>),
  );
  frame.judging?.conclude();
}

/**
 * The served app asked in process, for a run the wire could not judge: what
 * its own `Response` for a path carries, and how that body ends, before any
 * server or bridge touches it. Undefined when the app did not answer within
 * {@link IN_PROCESS_MS}.
 */
export interface InProcess {
  headers(path: string): Promise<Headers | undefined>;
  bodyEnd(path: string): Promise<BodyEnd | undefined>;
}

/** How long an in-process look at a run may take (ms). */
const IN_PROCESS_MS = 2000;
const IN_PROCESS_ORIGIN = 'http://streamconform.test';

function inProcessOf(ctx: CheckContext, app: App): InProcess {
  const respond = (path: string): Promise<Response | undefined> =>
    within(Promise.resolve(ctx.adapter.handle(app, new Request(IN_PROCESS_ORIGIN + path))), IN_PROCESS_MS, 'the app in process').catch(() => undefined);
  return {
    async headers(path) {
      const response = await respond(path);
      await response?.body?.cancel().catch(() => {});
      return response?.headers;
    },
    async bodyEnd(path) {
      const response = await respond(path);
      if (response === undefined) return undefined;
      return (await readBody(response, { timeoutMs: IN_PROCESS_MS, signal: ctx.signal })).end;
    },
  };
}

/** The fields HTTP/2 forbids in a response (RFC 9113 §8.2.2): WIRE-011's. */
export const CONNECTION_SPECIFIC_FIELDS = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'] as const;

/** The connection-specific fields among `headers`, as `name: value`. */
export function connectionSpecificFieldsOf(headers: Headers | undefined): string[] {
  if (headers === undefined) return [];
  return [...headers].filter(([name]) => (CONNECTION_SPECIFIC_FIELDS as readonly string[]).includes(name.toLowerCase())).map(([name, value]) => `${name}: ${value}`);
}

/**
 * Once a run was refused for the connection-specific fields of the app's own
 * Response ({@link headRefused}), a later run whose app Response carries them
 * too is skipped at once (asked in process, before any exchange) rather than
 * waiting for headers that will not come. True when it is to be skipped.
 */
export async function refusalKnown(judging: Judging, inProcess: InProcess, path: string): Promise<boolean> {
  if (!judging.known('connection-fields')) return false;
  return connectionSpecificFieldsOf(await inProcess.headers(path)).length > 0;
}

/**
 * A generator that throws must end the body in error in process (GEN-006)
 * before its server can end it in error on the wire: a run whose wire end
 * was clean, for an app whose own body ended normally too, is GEN-006's
 * defect and cannot be judged here. True when it was recorded so.
 */
export async function endedCleanInProcess(judging: Judging, inProcess: InProcess, path: string, subject: string): Promise<boolean> {
  const end = await inProcess.bodyEnd(path);
  if (end === undefined || end === 'error') return false;
  judging.unmet(
    'clean-in-process',
    'GEN-006',
    `${subject}: the app's own body (in process, before any server) ${end === 'clean' ? 'ended normally' : end === 'timeout' ? `did not end within ${IN_PROCESS_MS} ms` : 'had no body'}, so its server had no error to pass on (GEN-006 judges the in-process end)`,
  );
  return true;
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
 * An HTTP/2 stream with no response headers at all, because the response was
 * malformed: the client reset it with PROTOCOL_ERROR (how it rejects, e.g., a
 * connection-specific field), or the app's own `Response` carries
 * connection-specific fields (an HTTP/2 server may refuse to send them, and
 * sends nothing). Either way WIRE-011 judges the fields, and the run cannot
 * be judged here. True when it was recorded so.
 */
export async function headRefused(
  judging: Judging,
  state: { status: number | undefined; rstCode: number | undefined },
  subject: string,
  inProcess: InProcess,
  path: string,
): Promise<boolean> {
  if (state.status !== undefined) return false;
  if (state.rstCode === H2_PROTOCOL_ERROR) {
    judging.unmet(
      'rejected',
      'WIRE-011',
      `${subject}: the client reset the stream with ${h2ErrorName(H2_PROTOCOL_ERROR)} before any response headers, as it rejects a malformed response (WIRE-011 judges the response's fields)`,
    );
    return true;
  }
  const fields = connectionSpecificFieldsOf(await inProcess.headers(path));
  if (fields.length === 0) return false;
  judging.unmet(
    'connection-fields',
    'WIRE-011',
    `${subject}: no response headers arrived, and the app's own Response carries ${fields.join(', ')}, which HTTP/2 forbids (WIRE-011 judges the response's fields)`,
  );
  return true;
}
