/**
 * GEN-004 over a real socket: a generator behind a response is pulled as the
 * client reads, not drained into buffers, when the client stops reading.
 */
import fc from 'fast-check';
import { generatorResponseKind, type GeneratorResponseKind } from '../../arbitraries/wire.ts';
import { gate, type Gate } from '../../drive/exchange.ts';
import type { Context } from '../../adapter/under-test.ts';
import type { Check } from '../../runner/check.ts';
import { Mismatch } from '../../runner/property.ts';
import { rawHttp1Request } from '../../wire/raw-http1.ts';
import { sleep, socketParameters } from '../../wire/run-exchange.ts';
import { loopbackBuffering } from '../../wire/socket-buffers.ts';
import { RunTable } from '../../wire/wire-server.ts';
import { checkOnWireServer, END_WAIT_MS } from './shared.ts';

// GEN-004 over a real socket ---------------------------------------------------

/** Bytes of each value the GEN-004 wire check's generator yields. */
const PULL_VALUE_BYTES = 1024;
/** The generator has at least this many values (128 MiB): far more than a socket holds. */
const PULL_MIN_VALUES = 128 * 1024;
/**
 * What an implementation may hold in its own buffers besides the socket's
 * (bytes): Node's writable buffer of the response (64 KiB by default), what a
 * bridge keeps before it waits for `drain` (the reference: 256 KiB), a
 * stream's `bufferSize`, a bounded read-ahead of some hundred values. A
 * drain has pulled past it within milliseconds.
 */
const PULL_USER_SPACE_BYTES = 4 * 1024 * 1024;
/** The settle: how often it looks at the pull count (ms), how long the count must stay still (ms), and the most it waits (ms). */
const PULL_POLL_MS = 50;
const PULL_QUIET_MS = 400;
const PULL_SETTLE_MS = 3000;

const PULL_BYTES = new Uint8Array(PULL_VALUE_BYTES).fill(0x61);
const PULL_TEXT = 'x'.repeat(PULL_VALUE_BYTES);

interface PullRun {
  kind: GeneratorResponseKind;
  /** How many values the generator has. */
  count: number;
  /** How many values the implementation asked the generator for so far. */
  pulls: number;
  stop: Gate;
}

/** How far ahead of a client that reads nothing a generator may be pulled over this machine's loopback (bytes). */
interface PullBound {
  bytes: number;
  /** What a loopback connection holds when its client stops reading (measured). */
  socket: number;
}

async function pullBound(): Promise<PullBound> {
  const { bytes } = await loopbackBuffering();
  // Twice the measured amount: the kernel autotunes its buffers, and the implementation's connection is not the measured one.
  return { socket: bytes, bytes: 2 * bytes + PULL_USER_SPACE_BYTES };
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Waits until `read()` stays the same for PULL_QUIET_MS (at most PULL_SETTLE_MS, or until it passes `beyond`); returns it. */
async function settledCount(read: () => number, beyond: number, signal: AbortSignal): Promise<number> {
  const started = performance.now();
  let last = read();
  let stillSince = started;
  while (performance.now() - started < PULL_SETTLE_MS && !signal.aborted && last <= beyond) {
    await sleep(PULL_POLL_MS);
    const now = read();
    if (now !== last) {
      last = now;
      stillSince = performance.now();
    } else if (performance.now() - stillSince >= PULL_QUIET_MS) {
      break;
    }
  }
  return read();
}

function pullRoute(runs: RunTable<PullRun>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    const value = run.kind === 'streamResponse' ? PULL_BYTES : PULL_TEXT;
    const source = (async function* () {
      for (let index = 0; index < run.count && !run.stop.opened; index++) {
        run.pulls++;
        yield value;
      }
    })();
    switch (run.kind) {
      case 'streamResponse':
        return ctx.streamResponse(source);
      case 'chunkedResponse':
        return ctx.chunkedResponse(source);
      case 'sseResponse':
        return ctx.sseResponse(source);
    }
  };
}

/**
 * GEN-004 where it matters: a client on a real socket that stops reading.
 * The in-process bound (2 values) cannot hold here — the kernel's and Node's
 * buffers between the implementation and the client take megabytes — so the
 * bound is what this machine's loopback holds, measured, with room for the
 * implementation's own buffers; a drain goes through it at once.
 */
export const pulledAsTheClientReads: Check = {
  requirement: 'GEN-004',
  profile: 'wire',
  title: 'over HTTP/1.1, a generator is pulled no further than the socket buffers take while the client reads nothing',
  run: async (ctx) => {
    const bound = await pullBound();
    const count = Math.max(PULL_MIN_VALUES, Math.ceil((8 * bound.bytes) / PULL_VALUE_BYTES));
    const runs = new RunTable<PullRun>();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: pullRoute(runs), parameters: socketParameters(ctx, 3, { endOnFailure: true, perRunMs: 4000 }) }, (baseUrl) =>
      fc.asyncProperty(generatorResponseKind(), async (kind) => {
        const run: PullRun = { kind, count, pulls: 0, stop: gate() };
        const path = runs.add(run);
        const exchange = await rawHttp1Request(baseUrl, { path, signal: ctx.signal });
        try {
          exchange.stopReadingWhen((response) => response.head !== undefined);
          const head = await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal).then(
            () => true,
            () => false,
          );
          if (!head) exchange.stopReadingWhen(() => true);
          const stoppedAt = performance.now();
          const pulled = await settledCount(() => run.pulls, Math.ceil(bound.bytes / PULL_VALUE_BYTES) + 1, ctx.signal);
          const waited = performance.now() - stoppedAt;
          const read = exchange.response.payload.byteLength;
          const ahead = pulled * PULL_VALUE_BYTES - read;
          if (ahead > bound.bytes) {
            ctx.recordTranscript(exchange.transcript());
            throw new Mismatch(
              `${kind} of a generator of ${count} values of ${PULL_VALUE_BYTES} bytes (${mib(count * PULL_VALUE_BYTES)}): the client ${head ? `read the response head and ${read} payload bytes` : `got no response head within ${END_WAIT_MS} ms`} and then nothing; when the suite counted (${waited.toFixed(0)} ms after the client stopped reading), the generator had been pulled for ${pulled} values (${mib(pulled * PULL_VALUE_BYTES)}), ${mib(ahead)} ahead of the client. At most ${mib(bound.bytes)} may be: twice the ${mib(bound.socket)} a loopback connection holds here when its client stops reading, plus ${mib(PULL_USER_SPACE_BYTES)} for the implementation's own buffers. The implementation drains the generator instead of pulling it as the client reads`,
            );
          }
        } finally {
          exchange.destroy();
          run.stop.open();
        }
      }),
    );
  },
};
