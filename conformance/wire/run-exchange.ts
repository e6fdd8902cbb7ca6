/**
 * What every socket check does around its exchanges: how many property runs
 * it can afford, one request per run on its own connection with the
 * transcript recorded on failure, and waits that failed turned into
 * mismatches that carry the bytes that did arrive.
 */
import type fc from 'fast-check';
import type { WirePart } from '../arbitraries/wire.ts';
import type { Gate } from '../drive/exchange.ts';
import type { CheckContext } from '../runner/check.ts';
import { Mismatch } from '../runner/property.ts';
import { WireWaitError } from './errors.ts';
import { h2Request, type H2Exchange } from './h2-client.ts';
import { rawHttp1Request, type RawHttp1Exchange, type RawHttp1Request } from './raw-http1.ts';
import { arrivedBytes } from './transcript.ts';

/**
 * fast-check parameters of a socket check: at most `maxRuns` runs (each opens
 * a connection), fewer when a run may take `perRunMs` and the check's time
 * limit would not hold them all (a check interrupted by its time limit
 * fails); `endOnFailure` for checks whose failing runs cost a wait.
 */
export function socketParameters(ctx: CheckContext, maxRuns: number, options: { endOnFailure?: boolean; perRunMs?: number } = {}): Partial<fc.Parameters<unknown>> {
  const affordable = options.perRunMs === undefined ? maxRuns : Math.max(1, Math.floor((ctx.timeoutMs * 0.5) / options.perRunMs));
  return {
    numRuns: Math.max(1, Math.min(ctx.fcParameters.numRuns ?? 100, maxRuns, affordable)),
    ...(options.endOnFailure ? { endOnFailure: true } : {}),
  };
}

/** Runs `use` on a raw HTTP/1.1 exchange; on failure, records its transcript. Always destroys the socket. */
export async function overHttp1<T>(ctx: CheckContext, baseUrl: string, request: RawHttp1Request, use: (exchange: RawHttp1Exchange) => Promise<T>): Promise<T> {
  const exchange = await rawHttp1Request(baseUrl, { ...request, signal: ctx.signal });
  try {
    return await use(exchange);
  } catch (error) {
    ctx.recordTranscript(exchange.transcript());
    throw asMismatch(error, arrivedBytes(exchange.arrivals), 'HTTP/1.1');
  } finally {
    exchange.destroy();
  }
}

/** Runs `use` on an h2c exchange; on failure, records its DATA transcript. Always destroys the session. */
export async function overHttp2<T>(
  ctx: CheckContext,
  baseUrl: string,
  request: { path: string; headers?: Record<string, string> },
  use: (exchange: H2Exchange) => Promise<T>,
): Promise<T> {
  const exchange = await h2Request(baseUrl, { ...request, signal: ctx.signal });
  try {
    return await use(exchange);
  } catch (error) {
    ctx.recordTranscript(exchange.transcript());
    throw asMismatch(error, exchange.state.payload, 'HTTP/2');
  } finally {
    exchange.destroy();
  }
}

/** A wait that failed becomes a mismatch carrying the bytes that did arrive. */
export function asMismatch(error: unknown, sent: Uint8Array, protocol: string): unknown {
  if (error instanceof Mismatch) return error.evidence.sent ? error : new Mismatch(error.message, { ...error.evidence, sent });
  if (error instanceof WireWaitError) return new Mismatch(`over ${protocol}, ${error.message}`, { sent });
  return error;
}

/** Resolves true when `go` opens, false when `stop` opens first. */
export function proceed(go: Gate, stop: Gate): Promise<boolean> {
  return Promise.race([go.promise.then(() => true), stop.promise.then(() => false)]);
}

/** What a handler passes to `write` / yields for a part. */
export function writeArgument(part: WirePart): string | Uint8Array {
  return part.kind === 'text' ? part.text : part.bytes;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a wait ended because its time ran out (not because the connection closed or broke). */
export function timedOut(error: unknown): error is WireWaitError {
  return error instanceof WireWaitError && error.code === 'WIRE_TIMEOUT';
}
