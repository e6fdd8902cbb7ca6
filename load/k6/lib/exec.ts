/**
 * One iteration per scenario: request the route, let k6 read the whole body,
 * verify it (every unit, in order, framing), record checks and metrics. k6's
 * `http.get` returns only after the body ended, so `http_req_waiting` is the
 * time to the first byte and `http_req_duration` the time to the last event.
 * Binary bodies are checked by native SHA-256 digests (`k6/crypto`), not byte
 * by byte in k6's JavaScript; a text body equal to one already verified in
 * full for the same URL is not decoded again. So the check costs a fraction
 * of the transfer (`stream_verify_duration` records what it costs).
 *
 * https://grafana.com/docs/k6/latest/javascript-api/k6-http/
 * https://grafana.com/docs/k6/latest/javascript-api/k6-crypto/
 */
import { check } from 'k6';
import crypto from 'k6/crypto';
import http from 'k6/http';
import { BinaryBodyChecker } from './binary-check.ts';
import { baseUrl, runSettings } from './config.ts';
import {
  binaryBlocksTotal,
  chunksTotal,
  sseEventsTotal,
  streamBodyOk,
  streamVerifyDuration,
  textLinesTotal,
  unitsPerResponse,
} from './metrics.ts';
import { routeUrl, type ScenarioName } from './routes.ts';
import { VerifiedBodies } from './verified-bodies.ts';
import { verifyChunkedBody, verifySseBody, verifyTextBody, type VerifyResult } from './verify.ts';
import { iterationParams, queryParams, requestTimeoutMs, WORKLOADS } from './workloads.ts';

const SLOW_TIMEOUT_MS = 60_000;
/** An abandoned slow stream: long enough that the client's timeout cuts it. */
const ABANDON = { count: 1000, interval: 10, size: 1024, timeoutMs: 2_000 };
/** Problems logged per VU (k6 logs every console line; keep it readable under load). */
const MAX_LOGGED_PROBLEMS = 3;
let loggedProblems = 0;

/** One per VU: it keeps the expected digest of each body shape it has seen. */
const binaryChecker = new BinaryBodyChecker(() => {
  const hasher = crypto.createHash('sha256');
  return { update: (bytes) => hasher.update(bytes), digest: () => hasher.digest('hex') };
});

/** One per VU: text bodies already verified in full, by URL. */
const verifiedBodies = new VerifiedBodies();

/** Runs a body check and records how long it took (ms, in k6's JavaScript). */
function timed(tags: Record<string, string>, verify: () => VerifyResult): VerifyResult {
  const started = Date.now();
  const result = verify();
  streamVerifyDuration.add(Date.now() - started, tags);
  return result;
}

function report(scenario: ScenarioName, result: VerifyResult, url: string): void {
  if (!result.ok && loggedProblems < MAX_LOGGED_PROBLEMS) {
    loggedProblems += 1;
    console.warn(`${scenario}: ${url}: ${result.problem ?? 'body check failed'}`);
  }
}

function header(headers: Record<string, string>, name: string): string {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key] ?? '';
  return '';
}

function counterOf(scenario: ScenarioName): { add(value: number, tags?: Record<string, string>): void } {
  if (scenario === 'sse' || scenario === 'sse-ids') return sseEventsTotal;
  if (scenario === 'text-manual' || scenario === 'text-generator') return textLinesTotal;
  if (scenario === 'chunked' || scenario === 'chunked-stream') return chunksTotal;
  return binaryBlocksTotal;
}

function textScenario(scenario: ScenarioName): void {
  const params = iterationParams(scenario, __ITER, runSettings());
  const url = routeUrl(baseUrl(), scenario, queryParams(scenario, params));
  const isSse = scenario === 'sse' || scenario === 'sse-ids';
  const isChunked = scenario === 'chunked' || scenario === 'chunked-stream';
  const tags: Record<string, string> = { name: scenario };
  if (isChunked) tags.encoding = params.encoding;
  const res = http.get(url, {
    timeout: requestTimeoutMs(params),
    tags,
    headers: { Accept: isSse ? 'text/event-stream' : '*/*' },
  });
  const body = typeof res.body === 'string' ? res.body : '';
  const result = timed(tags, () =>
    verifiedBodies.verify(url, body, () =>
      isSse
        ? verifySseBody(body, params, { withIds: scenario === 'sse-ids' })
        : isChunked
          ? verifyChunkedBody(body, params)
          : verifyTextBody(body, params),
    ),
  );
  const contentType = header(res.headers, 'Content-Type');
  check(
    res,
    {
      [`${scenario}: status is 200`]: (r) => r.status === 200,
      [`${scenario}: content type`]: () =>
        isSse ? contentType === 'text/event-stream' : isChunked ? contentType !== '' : contentType.startsWith('text/plain'),
      [`${scenario}: every unit, in order, well framed`]: () => result.ok,
    },
    tags,
  );
  report(scenario, result, url);
  streamBodyOk.add(result.ok, tags);
  unitsPerResponse.add(result.units, tags);
  counterOf(scenario).add(result.units, tags);
}

function binaryScenario(scenario: ScenarioName): void {
  const workload = WORKLOADS[scenario];
  const abandon = workload.abandonEvery !== undefined && __ITER % workload.abandonEvery === workload.abandonEvery - 1;
  const params = abandon
    ? { ...iterationParams(scenario, __ITER, runSettings()), count: ABANDON.count, interval: ABANDON.interval, size: ABANDON.size }
    : iterationParams(scenario, __ITER, runSettings());
  const url = routeUrl(baseUrl(), scenario, queryParams(scenario, params));
  const tags: Record<string, string> = { name: abandon ? `${scenario}-abandon` : scenario };
  const res = http.get(url, {
    responseType: 'binary',
    timeout: abandon ? ABANDON.timeoutMs : scenario === 'slow' ? SLOW_TIMEOUT_MS : requestTimeoutMs(params),
    tags,
    // An abandoned stream ends in k6's request timeout (status 0, error_code 1050): expected here.
    ...(abandon ? { responseCallback: http.expectedStatuses(0, 200) } : {}),
  });
  const body = res.body instanceof ArrayBuffer ? res.body : new ArrayBuffer(0);
  const result = timed(tags, () => binaryChecker.check(body, params, { allowPrefix: abandon }));
  if (abandon) {
    check(
      res,
      {
        [`${scenario}: abandoned stream cut by the client timeout`]: (r) => r.status === 0 && r.error_code === 1050,
        [`${scenario}: abandoned stream's bytes are a clean prefix`]: () => result.ok,
      },
      tags,
    );
  } else {
    check(
      res,
      {
        [`${scenario}: status is 200`]: (r) => r.status === 200,
        [`${scenario}: content type`]: () => header(res.headers, 'Content-Type') === 'application/octet-stream',
        [`${scenario}: every unit, in order, well framed`]: () => result.ok,
      },
      tags,
    );
    streamBodyOk.add(result.ok, tags);
    unitsPerResponse.add(result.units, tags);
  }
  report(scenario, result, url);
  counterOf(scenario).add(result.units, tags);
}

/** `text-manual`: createStream + write. */
export function textManual(): void {
  textScenario('text-manual');
}
/** `text-generator`: streamResponse(async generator of strings). */
export function textGenerator(): void {
  textScenario('text-generator');
}
/** `binary`: streamResponse(async generator of Uint8Array). */
export function binary(): void {
  binaryScenario('binary');
}
/** `chunked`: chunkedResponse(array, { encoding }), encodings in turn. */
export function chunked(): void {
  textScenario('chunked');
}
/** `chunked-stream`: writeChunk(value, { encoding }), encodings in turn. */
export function chunkedStream(): void {
  textScenario('chunked-stream');
}
/** `sse`: sseResponse(async generator). */
export function sse(): void {
  textScenario('sse');
}
/** `sse-ids`: writeSSE(data, { id, event, retry }). */
export function sseIds(): void {
  textScenario('sse-ids');
}
/** `slow`: big bodies produced as fast as the client reads; every 4th iteration abandons a long stream mid-way. */
export function slow(): void {
  binaryScenario('slow');
}

/** The exported function name k6 calls for each scenario (`exec`). */
export const EXEC_NAMES: Record<ScenarioName, string> = {
  'text-manual': 'textManual',
  'text-generator': 'textGenerator',
  binary: 'binary',
  chunked: 'chunked',
  'chunked-stream': 'chunkedStream',
  sse: 'sse',
  'sse-ids': 'sseIds',
  slow: 'slow',
};
