/**
 * What a runtime's own server decides that the implementation cannot
 * (spec §2.16). An adapter without its own `listen` is served by its
 * runtime's server (default-listen.ts): on Bun, `Bun.serve` chooses the
 * HTTP/1.1 framing of the `ReadableStream` it is handed, and the h2c bridge
 * runs on Bun's own `node:http2`. Where a failure is one of the known
 * behaviours listed here, it is the runtime's verdict, not the
 * implementation's: the result is not judged (`skipped`), with a note naming
 * the server and what it did, and the evidence kept. An adapter that brings
 * its own `listen` / `listenHttp2` is judged on it as always, and nothing
 * here applies on Node, where the servers are the project's own bridges.
 */
import type { RequirementId, RequirementResult } from '../../reports/conformance/model.ts';
import { currentRuntime, type RuntimeName } from './runtime.ts';
import type { ResolvedAdapter } from './under-test.ts';

/** A behaviour of a runtime's own server that breaks a requirement whatever the implementation does. */
export interface RuntimeServerBehaviour {
  runtime: RuntimeName;
  /** Which default it comes with: `listen` (HTTP/1.1) or `listenHttp2` (h2c). */
  via: 'listen' | 'listenHttp2';
  /** The server, as reports name it. */
  server: string;
  requirements: readonly RequirementId[];
  /** Matches the failure (or blocked) message the behaviour produces, and nothing else. */
  shows: RegExp;
  /** What the server does, in a sentence. */
  does: string;
}

export const RUNTIME_SERVER_BEHAVIOURS: readonly RuntimeServerBehaviour[] = [
  {
    runtime: 'bun',
    via: 'listen',
    server: 'Bun.serve',
    requirements: ['WIRE-001', 'WIRE-002', 'WIRE-017'],
    shows: /was sent with Content-Length: \d+/,
    does:
      'frames a response body that it already holds whole when it starts sending (a short or empty stream) with Content-Length instead of chunked transfer coding; the implementation hands it a ReadableStream and has no say in the framing',
  },
  {
    runtime: 'bun',
    via: 'listenHttp2',
    server: "Bun's node:http2 (under the project's h2c bridge)",
    requirements: ['WIRE-012'],
    shows: /ended with END_STREAM/,
    does: 'ends an HTTP/2 stream with END_STREAM when it is closed with an error code (stream.close(NGHTTP2_INTERNAL_ERROR)), where Node sends RST_STREAM',
  },
  {
    runtime: 'deno',
    via: 'listenHttp2',
    server: "Deno's node:http2 (under the project's h2c bridge)",
    requirements: ['WIRE-009', 'WIRE-010', 'WIRE-011', 'WIRE-012'],
    shows: /ended during this check \(signal SIGABRT\).*nghttp2.*Assertion/,
    does: "aborts the whole process on an assertion inside its nghttp2 (seen: find_stream_on_goaway_func, `stream->closed_next == NULL`, when a client's GOAWAY meets a stream it already closed), whatever the implementation's Response",
  },
];

/** The behaviour of this runtime's server that explains `result`, if any. */
export function runtimeServerBehaviour(
  adapter: Pick<ResolvedAdapter, 'ownListen' | 'ownListenHttp2'>,
  result: Pick<RequirementResult, 'id' | 'verdict' | 'message'>,
  runtime: RuntimeName = currentRuntime(),
): RuntimeServerBehaviour | undefined {
  if (result.verdict !== 'failed' && result.verdict !== 'non-strict' && result.verdict !== 'blocked') return undefined;
  return RUNTIME_SERVER_BEHAVIOURS.find(
    (behaviour) =>
      behaviour.runtime === runtime &&
      behaviour.requirements.includes(result.id) &&
      (behaviour.via === 'listen' ? adapter.ownListen !== true : adapter.ownListenHttp2 !== true) &&
      behaviour.shows.test(result.message ?? ''),
  );
}

/** `result` as spec §2.16 reads it: unchanged, or not judged with a note when the runtime's server is what failed it. */
export function attributeToRuntimeServer(
  adapter: Pick<ResolvedAdapter, 'ownListen' | 'ownListenHttp2'>,
  result: RequirementResult,
  runtime: RuntimeName = currentRuntime(),
): RequirementResult {
  const behaviour = runtimeServerBehaviour(adapter, result, runtime);
  if (behaviour === undefined) return result;
  const note = `${behaviour.server} ${behaviour.does}: this is ${runtime}'s verdict, not the implementation's (spec §2.16). Give the adapter its own ${behaviour.via} to be judged on a server it controls.`;
  const { rootCause: _rootCause, blockedBy: _blockedBy, ...rest } = result;
  return {
    ...rest,
    status: 'skip',
    verdict: 'skipped',
    message: `not judged on ${runtime}'s own server: ${result.message ?? ''}`,
    notes: [...(result.notes ?? []), note],
  };
}
