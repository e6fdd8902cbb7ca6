/**
 * WIRE-008: a client that destroys its socket mid-stream aborts
 * `ctx.req.signal`, and a generator behind the stream has its `finally` run,
 * within a bound.
 */
import fc from 'fast-check';
import { disconnectProducer, valuesBeforeDisconnect, type DisconnectProducer } from '../../arbitraries/wire.ts';
import { gate, within, type Gate } from '../../drive/exchange.ts';
import { clientView } from '../../oracles/event-stream.ts';
import type { Context } from '../../adapter/under-test.ts';
import type { Check } from '../../runner/check.ts';
import { expectThat } from '../../runner/property.ts';
import { Judging } from '../../wire/judging.ts';
import { overHttp1, proceed, sleep, socketParameters, timedOut } from '../../wire/run-exchange.ts';
import { RunTable } from '../../wire/wire-server.ts';
import { checkOnWireServer, END_WAIT_MS } from './shared.ts';

/** The disconnect bound of WIRE-008 (ms). */
const DISCONNECT_BOUND_MS = 1000;
/**
 * Where a check must have the response head before it goes on (it is not
 * needed for what the check judges, but an implementation may be still
 * setting up the response until then), it waits this long for it at most:
 * a head that comes only with the first body bytes is allowed.
 */
const HEAD_GRACE_MS = 100;

// WIRE-008 ------------------------------------------------------------------

/** Values a WIRE-008 generator makes at once after the disconnect woke it: more than GEN-004's read-ahead bound. */
const VALUES_AFTER_DISCONNECT = 1024;

interface DisconnectRun {
  producer: DisconnectProducer;
  parts: string[];
  /** Opens when the handler returned its response, and (generators) when the implementation first pulled the generator. */
  ready: Gate;
  /** Gate k lets the generator make value k: 0 once ready, k when the client saw value k-1. */
  permits: Gate[];
  /** Opens when ctx.req.signal aborts: the generator then makes one more value. */
  wake: Gate;
  stop: Gate;
  /** Opens (with `performance.now()`) when `ctx.req.signal` aborts. */
  aborted: Gate<number>;
  /** Opens (with `performance.now()`) when the generator's `finally` runs. */
  finallyRan: Gate<number>;
}

function disconnectRoute(runs: RunTable<DisconnectRun>) {
  return async (ctx: Context) => {
    const run = runs.of(ctx);
    const signal = ctx.req.signal;
    // The abort also wakes the generator, which then makes one more value (as a generator waiting on
    // something that ends when the client leaves does); its return() must come next, so its finally runs.
    const onAbort = (): void => {
      run.aborted.open(performance.now());
      run.wake.open();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    if (run.producer === 'manual') {
      const stream = await ctx.createStream();
      for (const part of run.parts) stream.write(part);
      run.ready.open();
      return stream.response;
    }
    const source = (async function* () {
      try {
        // A generator that was never started has no finally to run: the client leaves only once it was pulled.
        run.ready.open();
        for (const [k, part] of run.parts.entries()) {
          if (!(await proceed(run.permits[k]!, run.stop))) return;
          yield part;
        }
        if (!(await proceed(run.wake, run.stop))) return;
        // Values ready at once, more than any read-ahead GEN-004 allows: an implementation that pulls
        // ahead of the body (spec §2.12) finds the generator suspended at a yield, where return() works.
        for (let k = 0; k < VALUES_AFTER_DISCONNECT; k++) yield 'after the disconnect';
        // Parked until the run ends: the implementation's return() must come first.
        await run.stop.promise;
      } finally {
        run.finallyRan.open(performance.now());
      }
    })();
    return run.producer === 'streamResponse' ? ctx.streamResponse(source) : ctx.sseResponse(source);
  };
}

export const disconnectReachesHandler: Check = {
  requirement: 'WIRE-008',
  title: "a client that destroys its socket aborts ctx.req.signal and runs the generator's finally within 1 s",
  run: (ctx) => {
    const runs = new RunTable<DisconnectRun>();
    const judging = new Judging();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: disconnectRoute(runs), parameters: socketParameters(ctx, 10, { endOnFailure: true }), judging }, (baseUrl) =>
      fc.asyncProperty(
        disconnectProducer(),
        valuesBeforeDisconnect(),
        async (producer, parts) => {
          // Values that never arrive once will not arrive for a later run either.
          if (parts.length > 0 && judging.known('delivery')) return;
          const run: DisconnectRun = {
            producer,
            parts,
            ready: gate(),
            permits: parts.map(() => gate()),
            wake: gate(),
            stop: gate(),
            aborted: gate<number>(),
            finallyRan: gate<number>(),
          };
          const path = runs.add(run);
          const subject = `a ${producer} stream (${parts.length} value(s) delivered) whose client destroyed its socket`;
          try {
            await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
              const ready = await within(run.ready.promise, END_WAIT_MS, 'ready').then(
                () => true,
                () => false,
              );
              if (!ready) {
                const what = producer === 'manual' ? 'the handler did not return its response' : 'the implementation did not pull the generator';
                judging.unmet('ready', 'WIRE-006', `${subject}: ${what} within ${END_WAIT_MS} ms of the request, so there was nothing to disconnect from (WIRE-006 judges delivery)`);
                return;
              }
              run.permits[0]?.open();
              const lengths = parts.map((part) => part.length);
              for (let k = 0; k < parts.length; k++) {
                const needed = lengths.slice(0, k + 1).reduce((a, b) => a + b, 0);
                const arrived = await exchange
                  .waitFor(
                    (response) => (producer === 'sseResponse' ? clientView(response.payload).events.length > k : response.payload.byteLength >= needed),
                    END_WAIT_MS,
                    `value ${k + 1} (${parts[k]})`,
                    ctx.signal,
                  )
                  .catch((error: unknown) => error);
                if (timedOut(arrived)) {
                  judging.unmet(
                    'delivery',
                    'WIRE-006',
                    `${subject}: value ${k + 1} (${parts[k]}) did not reach the client within ${END_WAIT_MS} ms, so the socket could not be destroyed mid-stream (WIRE-006 judges delivery)`,
                  );
                  return;
                }
                if (arrived instanceof Error) throw arrived;
                if (k + 1 < parts.length) run.permits[k + 1]!.open();
              }
              // The head is not needed to leave, but an implementation may still be setting up its response until it sends it.
              await exchange.waitFor((response) => response.head !== undefined, HEAD_GRACE_MS, 'the response head', ctx.signal).catch(() => undefined);
              judging.judge();
              const destroyedAt = performance.now();
              exchange.destroy();
              const deadline = sleep(DISCONNECT_BOUND_MS).then(() => undefined);
              const [abortedAt, finallyAt] = await Promise.all([
                Promise.race([run.aborted.promise, deadline]),
                producer === 'manual' ? Promise.resolve(destroyedAt) : Promise.race([run.finallyRan.promise, deadline]),
              ]);
              expectThat(
                abortedAt !== undefined,
                `${subject}: ctx.req.signal did not abort within ${DISCONNECT_BOUND_MS} ms after the socket was destroyed (guide "Client Disconnection")`,
              );
              expectThat(
                finallyAt !== undefined,
                `${subject}: the generator's finally did not run within ${DISCONNECT_BOUND_MS} ms after the socket was destroyed (ctx.req.signal ${abortedAt === undefined ? 'did not abort either' : `aborted after ${(abortedAt - destroyedAt).toFixed(1)} ms`}): the generator's return() must be called when the client goes away`,
              );
            });
          } finally {
            run.stop.open();
          }
        },
      ),
    );
  },
};
