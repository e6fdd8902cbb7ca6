/**
 * WIRE-006 (HTTP/1.1) and WIRE-010 (HTTP/2): each write reaches the client
 * before the handler makes the next. The handler waits for the client to
 * have write k before it makes write k+1, so an implementation that buffers
 * stalls, and the write it holds back is named. One check, run over either
 * protocol.
 */
import fc from 'fast-check';
import { lockstepParts, lockstepProducer, type LockstepProducer, type WirePart } from '../../arbitraries/wire.ts';
import { bytesEqual } from '../../bytes/bytes.ts';
import { gate, type Gate } from '../../drive/exchange.ts';
import type { Context } from '../../adapter/under-test.ts';
import type { RequirementId } from '../../requirements/types.ts';
import type { Check, CheckContext } from '../../runner/check.ts';
import { Mismatch } from '../../runner/property.ts';
import { describeH2End, describeParts, excerpt } from '../../wire/describe.ts';
import { Judging } from '../../wire/judging.ts';
import { expectedPayload, partBytes } from '../../wire/produce.ts';
import { overHttp1, overHttp2, proceed, socketParameters, timedOut, writeArgument } from '../../wire/run-exchange.ts';
import { RunTable, type WireProtocol } from '../../wire/wire-server.ts';
import { checkOnWireServer, END_WAIT_MS, headRefused, PROTOCOL_NAME, refusalKnown, type InProcess } from './shared.ts';

/** How long a lockstep write may take to reach the client (ms). */
const LOCKSTEP_MS = 1000;

interface LockstepRun {
  producer: LockstepProducer;
  parts: WirePart[];
  /** Gate k opens when the client saw part k: the handler may make write k+1. */
  seen: Gate[];
  /** Opens when the run is over (the handler stops). */
  stop: Gate;
  /** What the handler's own calls threw, if anything. */
  handlerError?: unknown;
}

function lockstepRoute(runs: RunTable<LockstepRun>) {
  return async (ctx: Context) => {
    const run = runs.of(ctx);
    if (run.producer === 'generator') {
      return ctx.streamResponse(
        (async function* () {
          for (const [k, part] of run.parts.entries()) {
            yield writeArgument(part);
            if (!(await proceed(run.seen[k]!, run.stop))) return;
          }
        })(),
      );
    }
    const stream = await ctx.createStream();
    void (async () => {
      try {
        for (const [k, part] of run.parts.entries()) {
          stream.write(writeArgument(part));
          if (!(await proceed(run.seen[k]!, run.stop))) return;
        }
        stream.close();
      } catch (error) {
        run.handlerError = error;
      }
    })();
    return stream.response;
  };
}

function lockstepMessage(protocol: string, run: LockstepRun, k: number, arrived: number, needed: number): string {
  const thrown = run.handlerError === undefined ? '' : ` (the handler's call threw: ${String(run.handlerError)})`;
  const method = run.producer === 'generator' ? 'yield' : 'write';
  return `over ${protocol}, write ${k + 1} of ${run.parts.length} was not delivered within ${LOCKSTEP_MS} ms: the implementation buffers (${describeParts(run.parts, method)}; the client had ${arrived} of the ${needed} bytes written so far, and the handler waits for them before its next write)${thrown}`;
}

/** Cumulative byte counts: how much the client must have after part k. */
function cumulativeLengths(parts: readonly WirePart[]): number[] {
  let total = 0;
  return parts.map((part) => (total += partBytes(part).byteLength));
}

/**
 * Plays the client of a lockstep run: opens `run.seen[k]` as soon as write k
 * arrived, so the handler makes write k+1 only then. A write that does not
 * arrive within LOCKSTEP_MS is a mismatch saying the implementation buffers.
 */
async function stepThroughWrites(
  protocol: string,
  run: LockstepRun,
  waitForBytes: (needed: number, what: string) => Promise<unknown>,
  arrivedBytes: () => number,
): Promise<void> {
  for (const [k, needed] of cumulativeLengths(run.parts).entries()) {
    const outcome = await waitForBytes(needed, `write ${k + 1}`).catch((error: unknown) => error);
    if (timedOut(outcome)) {
      throw new Mismatch(lockstepMessage(protocol, run, k, arrivedBytes(), needed));
    }
    if (outcome instanceof Error) throw outcome;
    run.seen[k]!.open();
  }
}

/** What the lockstep check is over each protocol: its requirement, and the requirement that judges the exact payload. */
const LOCKSTEP: Record<WireProtocol, { requirement: RequirementId; payloadRequirement: RequirementId }> = {
  http1: { requirement: 'WIRE-006', payloadRequirement: 'WIRE-004' },
  http2: { requirement: 'WIRE-010', payloadRequirement: 'WIRE-012' },
};

/** The payload of a lockstep exchange once it ended, and how it ended in words where the protocol says (` ending with …`). */
interface LockstepEnd {
  payload: Uint8Array;
  ending: string;
}

/**
 * One lockstep exchange over `protocol`: the client steps through the
 * writes, then the exchange ends; `judge` gets the payload. Over HTTP/2, a
 * step that failed because the response was refused for its fields is
 * unjudgeable ({@link headRefused}).
 */
async function lockstepExchange(
  protocol: WireProtocol,
  ctx: CheckContext,
  baseUrl: string,
  inProcess: InProcess,
  path: string,
  run: LockstepRun,
  judging: Judging,
  judge: (end: LockstepEnd) => void,
): Promise<void> {
  const name = PROTOCOL_NAME[protocol];
  if (protocol === 'http1') {
    return overHttp1(ctx, baseUrl, { path }, async (exchange) => {
      await stepThroughWrites(
        name,
        run,
        (needed, what) => exchange.waitFor((response) => response.payload.byteLength >= needed, LOCKSTEP_MS, what, ctx.signal),
        () => exchange.response.payload.byteLength,
      );
      const result = await exchange.finish(END_WAIT_MS, ctx.signal);
      judge({ payload: result.response.payload, ending: '' });
    });
  }
  if (await refusalKnown(judging, inProcess, path)) return;
  return overHttp2(ctx, baseUrl, { path }, async (exchange) => {
    try {
      await stepThroughWrites(
        name,
        run,
        (needed, what) => exchange.waitFor((state) => state.payload.byteLength >= needed, LOCKSTEP_MS, what, ctx.signal),
        () => exchange.state.payload.byteLength,
      );
    } catch (error) {
      if (await headRefused(judging, exchange.state, `over ${name}, lockstep writes (${describeParts(run.parts)})`, inProcess, path)) return;
      throw error;
    }
    const result = await exchange.finish(END_WAIT_MS, ctx.signal);
    judge({ payload: result.payload, ending: ` ending with ${describeH2End(result, END_WAIT_MS)}` });
  });
}

/** The lockstep check over `protocol`: WIRE-006 over HTTP/1.1, WIRE-010 over HTTP/2. */
export function lockstepCheck(protocol: WireProtocol): Check {
  const name = PROTOCOL_NAME[protocol];
  const { requirement, payloadRequirement } = LOCKSTEP[protocol];
  return {
    requirement,
    title: `over ${name}, each write reaches the client before the handler makes the next (lockstep)`,
    run: (ctx) => {
      const runs = new RunTable<LockstepRun>();
      const judging = new Judging();
      return checkOnWireServer(ctx, { protocol, handler: lockstepRoute(runs), parameters: socketParameters(ctx, 10, { endOnFailure: true }), judging }, (baseUrl, inProcess) =>
        fc.asyncProperty(lockstepProducer(), lockstepParts(), async (producer, parts) => {
          const run: LockstepRun = { producer, parts, seen: parts.map(() => gate()), stop: gate() };
          const path = runs.add(run);
          const expected = expectedPayload(parts);
          try {
            await lockstepExchange(protocol, ctx, baseUrl, inProcess, path, run, judging, ({ payload, ending }) => {
              // Counting bytes tells when a write arrived only if the bytes are the ones written: the payload's requirement judges that.
              if (!bytesEqual(payload, expected)) {
                judging.unmet(
                  'payload',
                  payloadRequirement,
                  `over ${name}, lockstep writes (${describeParts(parts)}) arrived as ${excerpt(payload)}${ending}, not as written (${excerpt(expected)}), so when each arrived cannot be told from the bytes (${payloadRequirement} judges the payload)`,
                );
                return;
              }
              judging.judge();
            });
          } finally {
            run.stop.open();
          }
        }),
      );
    },
  };
}
