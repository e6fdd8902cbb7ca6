/**
 * WIRE-007: a write on a stream with `flushInterval` F and a large
 * `bufferSize` reaches the client within F and some slack, measured in real
 * time on 127.0.0.1.
 */
import fc from 'fast-check';
import { flushIntervalMs, wirePart, type WirePart } from '../../arbitraries/wire.ts';
import { gate, within, type Gate } from '../../drive/exchange.ts';
import type { Context } from '../../adapter/under-test.ts';
import type { Check } from '../../runner/check.ts';
import { expectThat, Mismatch } from '../../runner/property.ts';
import { parseHttp1Response } from '../../wire/http1-parse.ts';
import { partBytes } from '../../wire/produce.ts';
import { overHttp1, sleep, socketParameters, timedOut, writeArgument } from '../../wire/run-exchange.ts';
import { arrivedBytes } from '../../wire/transcript.ts';
import { RunTable } from '../../wire/wire-server.ts';
import { checkOnWireServer, END_WAIT_MS } from './shared.ts';

/** The slack of WIRE-007 over `flushInterval` (ms). */
const FLUSH_SLACK_MS = 500;
/** How long WIRE-007 keeps waiting past the bound, to say how late a write was (ms). */
const FLUSH_GRACE_MS = 1000;

// WIRE-007 ------------------------------------------------------------------

interface FlushRun {
  flushInterval: number;
  part: WirePart;
  /** Opens (with `performance.now()`) when the handler made its write. */
  written: Gate<number>;
  /** Opens when the client has the write (or gave up): the handler closes then. */
  done: Gate;
  handlerError?: unknown;
}

/**
 * When the packet that completed the first `length` payload bytes arrived
 * (`performance.now()`), from the exchange's arrivals: the head may have come
 * with it or long before.
 */
function arrivalOfPayload(arrivals: readonly { atMs: number; bytes: Uint8Array }[], length: number, startedAt: number): number | undefined {
  for (let count = 1; count <= arrivals.length; count++) {
    const parsed = parseHttp1Response(arrivedBytes(arrivals.slice(0, count)));
    if (parsed.payload.byteLength >= length) return startedAt + arrivals[count - 1]!.atMs;
  }
  return undefined;
}

export const flushIntervalBound: Check = {
  requirement: 'WIRE-007',
  title: `with flushInterval F and a large bufferSize, a write reaches the client within F + ${FLUSH_SLACK_MS} ms`,
  run: (ctx) => {
    const runs = new RunTable<FlushRun>();
    const route = async (c: Context) => {
      const run = runs.of(c);
      const stream = await c.createStream({ flushInterval: run.flushInterval, bufferSize: 1024 * 1024 });
      void (async () => {
        try {
          // After the handler returned the response, as a timer or an event writes; not after the head reached
          // the client: an implementation may send the head with the first write.
          await sleep(0);
          if (run.done.opened) return;
          run.written.open(performance.now());
          stream.write(writeArgument(run.part));
          await run.done.promise;
          stream.close();
        } catch (error) {
          run.handlerError = error;
        }
      })();
      return stream.response;
    };
    return checkOnWireServer(ctx, { protocol: 'http1', handler: route, parameters: socketParameters(ctx, 8, { endOnFailure: true }) }, (baseUrl) =>
      fc.asyncProperty(flushIntervalMs(), wirePart(), async (flushInterval, part) => {
        const run: FlushRun = { flushInterval, part, written: gate<number>(), done: gate() };
        const path = runs.add(run);
        const length = partBytes(part).byteLength;
        const bound = flushInterval + FLUSH_SLACK_MS;
        const subject = `with createStream({ flushInterval: ${flushInterval}, bufferSize: 1048576 }), a write of ${length} bytes`;
        const thrown = (): string => (run.handlerError === undefined ? '' : ` (the handler's call threw: ${String(run.handlerError)})`);
        try {
          await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
            const startedAt = performance.now() - exchange.elapsedMs();
            const writtenAt = await within(run.written.promise, END_WAIT_MS, 'the write').catch(() => undefined);
            if (writtenAt === undefined) {
              throw new Mismatch(`${subject}: the handler never got to write within ${END_WAIT_MS} ms (createStream did not resolve, or the handler was not called)${thrown()}`);
            }
            const left = Math.max(0, writtenAt + bound + FLUSH_GRACE_MS - performance.now());
            const outcome = await exchange.waitFor((response) => response.payload.byteLength >= length, left, 'the write', ctx.signal).catch((error: unknown) => error);
            if (timedOut(outcome)) {
              throw new Mismatch(
                `${subject} did not reach the client within ${bound + FLUSH_GRACE_MS} ms; the bound is ${flushInterval} + ${FLUSH_SLACK_MS} ms: the implementation waits for its buffer to fill or for close()${thrown()}`,
              );
            }
            if (outcome instanceof Error) throw outcome;
            const arrivedAt = arrivalOfPayload(exchange.arrivals, length, startedAt) ?? performance.now();
            const delay = arrivedAt - writtenAt;
            expectThat(
              delay <= bound,
              `${subject} reached the client after ${delay.toFixed(1)} ms; the bound is ${flushInterval} + ${FLUSH_SLACK_MS} = ${bound} ms (real time, measured on 127.0.0.1)`,
            );
          });
        } finally {
          run.done.open();
        }
      }),
    );
  },
};
