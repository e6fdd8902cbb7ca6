/**
 * Spec §2.16: a failure is the runtime's own server's only for the listed
 * behaviours, only on that runtime, only when the adapter is served by the
 * default listen, and only for the failure that behaviour produces.
 */
import { describe, expect, it } from 'vitest';
import { attributeToRuntimeServer } from '../../conformance/adapter/runtime-servers.ts';
import type { RequirementResult } from '../../reports/conformance/model.ts';

const contentLength: RequirementResult = {
  id: 'WIRE-001',
  level: 'MUST',
  title: 'http1 streams use chunked transfer coding',
  status: 'fail',
  verdict: 'failed',
  profile: 'wire',
  message: 'over HTTP/1.1, a stream (manual-before-return: no writes) was sent with Content-Length: 0 and no Transfer-Encoding',
  rootCause: { call: 'handle', difference: 'framing' },
  properties: 1,
  durationMs: 3,
};

describe('attributeToRuntimeServer', () => {
  it("on Bun, with the default listen, Bun.serve's Content-Length framing is not judged: skipped, evidence kept, a note naming Bun.serve", () => {
    const result = attributeToRuntimeServer({}, contentLength, 'bun');
    expect(result).toMatchObject({ status: 'skip', verdict: 'skipped' });
    expect(result.message).toContain(contentLength.message);
    expect(result.rootCause).toBeUndefined();
    expect(result.notes?.[0]).toMatch(/^Bun\.serve frames .*spec §2\.16/);
  });

  it('a blocked WIRE-002 for the same framing is attributed too; WIRE-012 only through the default h2c listen', () => {
    const blocked: RequirementResult = { ...contentLength, id: 'WIRE-002', status: 'skip', verdict: 'blocked', blockedBy: ['WIRE-001'], message: 'was sent with Content-Length: 14, not in chunked coding' };
    expect(attributeToRuntimeServer({}, blocked, 'bun')).toMatchObject({ verdict: 'skipped' });
    const h2: RequirementResult = { ...contentLength, id: 'WIRE-012', message: 'a sseResponse whose generator yielded 0 value(s) and then threw ended with END_STREAM after 0 payload bytes' };
    expect(attributeToRuntimeServer({ ownListen: true }, h2, 'bun')).toMatchObject({ verdict: 'skipped' });
    expect(attributeToRuntimeServer({ ownListenHttp2: true }, h2, 'bun')).toBe(h2);
  });

  it('judged as usual: on Node and Deno, with an own listen, for another requirement or another failure', () => {
    expect(attributeToRuntimeServer({}, contentLength, 'node')).toBe(contentLength);
    expect(attributeToRuntimeServer({}, contentLength, 'deno')).toBe(contentLength);
    expect(attributeToRuntimeServer({ ownListen: true }, contentLength, 'bun')).toBe(contentLength);
    expect(attributeToRuntimeServer({}, { ...contentLength, id: 'HDR-005' }, 'bun').verdict).toBe('failed');
    const otherFailure = { ...contentLength, message: 'over HTTP/1.1, the body ended without the last chunk' };
    expect(attributeToRuntimeServer({}, otherFailure, 'bun')).toBe(otherFailure);
    const passed: RequirementResult = { ...contentLength, status: 'pass', verdict: 'ok' };
    expect(attributeToRuntimeServer({}, passed, 'bun')).toBe(passed);
  });

  it("on Deno, a check of WIRE-009..012 during which the process aborted on Deno's nghttp2 assertion is Deno's; any other crash is judged", () => {
    const crash = 'the process running the implementation ended during this check (signal SIGABRT): did the implementation call process.exit() or crash Deno?';
    const aborted: RequirementResult = {
      ...contentLength,
      id: 'WIRE-009',
      message: `${crash} Its last error output: deno: nghttp2/lib/nghttp2_session.c:2402: int find_stream_on_goaway_func(void *, void *): Assertion \`stream->closed_next == NULL' failed.`,
    };
    const result = attributeToRuntimeServer({}, aborted, 'deno');
    expect(result).toMatchObject({ status: 'skip', verdict: 'skipped' });
    expect(result.notes?.[0]).toMatch(/^Deno's node:http2 .*nghttp2.*spec §2\.16/);
    expect(attributeToRuntimeServer({ ownListenHttp2: true }, aborted, 'deno')).toBe(aborted);
    expect(attributeToRuntimeServer({}, aborted, 'node')).toBe(aborted);
    const plainCrash = { ...aborted, message: crash };
    expect(attributeToRuntimeServer({}, plainCrash, 'deno')).toBe(plainCrash);
    const otherRequirement = { ...aborted, id: 'WIRE-001' as const };
    expect(attributeToRuntimeServer({}, otherRequirement, 'deno')).toBe(otherRequirement);
  });
});
