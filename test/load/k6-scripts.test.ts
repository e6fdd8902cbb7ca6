/**
 * The k6 scripts: they type-check against @types/k6 (k6 strips types without
 * checking them), and their pure parts — the WHATWG event-stream parser, the
 * chunk decoders, profiles and thresholds — agree with oracles nobody here wrote.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryBodyChecker, blockStart, type NewHasher } from '../../load/k6/lib/binary-check.ts';
import { decodeBase64, decodeChunkLines, decodeHex, decodeUtf8 } from '../../load/k6/lib/decode.ts';
import { durationMs, frozenOptionsMessage, optionsMismatch } from '../../load/k6/lib/frozen-options.ts';
import { binaryBlock, binaryByte } from '../../load/k6/lib/payload.ts';
import { executorFor, PROFILE_NAMES } from '../../load/k6/lib/profiles.ts';
import { ROUTES, SCENARIO_NAMES } from '../../load/k6/lib/routes.ts';
import { parseEventStream, type ParsedEvent } from '../../load/k6/lib/sse.ts';
import { textSummary } from '../../load/k6/lib/summary.ts';
import { thresholdsFor } from '../../load/k6/lib/thresholds.ts';
import { VerifiedBodies } from '../../load/k6/lib/verified-bodies.ts';
import { verifyBinaryBody, verifyChunkedBody } from '../../load/k6/lib/verify.ts';
import { iterationParams, requestTimeoutMs, streamLengthMs } from '../../load/k6/lib/workloads.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('type check', () => {
  it('load/k6 passes tsc --noEmit with @types/k6 and no Node types', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(ROOT, 'load', 'k6', 'tsconfig.json')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  it('has a scenario file per route and each exports options, its exec function and handleSummary', () => {
    const files = readdirSync(join(ROOT, 'load', 'k6', 'scenarios')).sort();
    expect(files).toEqual(SCENARIO_NAMES.map((name) => `${name}.ts`).sort());
    for (const file of files) {
      const source = readFileSync(join(ROOT, 'load', 'k6', 'scenarios', file), 'utf8');
      expect(source).toContain('export const options = buildOptions(');
      expect(source).toContain("export { handleSummary } from '../lib/summary.ts';");
      expect(source).not.toMatch(/https?:\/\/(?!grafana)/); // no hard-coded hosts
    }
  });
});

/** WHATWG event dispatch as eventsource-parser reports it, tracking the last event id buffer. */
function oracle(body: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  let lastEventId = '';
  const parser = createParser({
    onId: (id) => (lastEventId = id),
    onEvent: (event) => {
      if (event.id !== undefined) lastEventId = event.id;
      events.push({ type: event.event || 'message', data: event.data, lastEventId });
    },
  });
  parser.feed(body);
  return events;
}

const lineEnding = fc.constantFrom('\n', '\r', '\r\n');
const fieldValue = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
const line = fc.oneof(
  fc.tuple(fc.constantFrom('data', 'event', 'id', 'retry', 'other'), fc.constantFrom(':', ': ', ''), fieldValue).map(
    ([field, colon, value]) => (colon === '' ? field : `${field}${colon}${value}`),
  ),
  fc.constantFrom('retry: 1000', 'retry:12a', 'id: a\u0000b', ': comment', 'data', ''),
);

describe('parseEventStream (WHATWG HTML §9.2.6)', () => {
  it('dispatches the same events, types, data and last event ids as eventsource-parser', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, lineEnding), { maxLength: 30 }), (lines) => {
        const body = lines.map(([text, end]) => text + end).join('');
        expect(parseEventStream(body).events).toEqual(oracle(body));
      }),
      { numRuns: 500 },
    );
  });

  it('reads retry only when it is all digits, and flags a body cut inside an event', () => {
    const stream = parseEventStream('retry: 3000\n\nretry: 12a\n\ndata: one\n\ndata: cut');
    expect(stream.retry).toBe(3000);
    expect(stream.events).toEqual([{ type: 'message', data: 'one', lastEventId: '' }]);
    expect(stream.trailing).toBe(true);
    expect(parseEventStream('data: a\r\n\r\n').trailing).toBe(false);
    expect(parseEventStream('id: 7\ndata: x\n').trailing).toBe(true);
  });
});

describe('chunk decoders', () => {
  it('base64 and hex decode what Buffer encodes, byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect([...decodeBase64(buffer.toString('base64'))]).toEqual([...bytes]);
        expect([...decodeHex(buffer.toString('hex'))]).toEqual([...bytes]);
      }),
    );
  });

  it('UTF-8 decodes like TextDecoder, replacement characters included', () => {
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 32 }), fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        expect(decodeUtf8(bytes)).toBe(decoder.decode(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects malformed lines and a cut last chunk with a message that shows the line', () => {
    expect(() => decodeBase64('abc')).toThrow('base64 line "abc" is not RFC 4648 §4 base64');
    expect(() => decodeHex('ABCD')).toThrow('hex line "ABCD" is not lowercase RFC 4648 §8 base16');
    expect(() => decodeChunkLines('6869\n68', 'hex')).toThrow('the body does not end in LF (it ends with "6869\\n68")');
    expect(decodeChunkLines('', 'base64')).toEqual([]);
    expect(decodeChunkLines('\n', 'base64')).toEqual([new Uint8Array(0)]); // an empty chunk survives
  });
});

describe('profiles and thresholds', () => {
  it('every profile yields an executor; VUs scale; smoke is one VU', () => {
    for (const profile of PROFILE_NAMES) {
      const executor = executorFor(profile, 10, { vusScale: 2 });
      expect(['constant-vus', 'ramping-vus']).toContain(executor.executor);
      if (executor.executor === 'ramping-vus') {
        expect(executor.stages.at(-1)?.target).toBe(0);
        expect(Math.max(...executor.stages.map((s) => s.target))).toBeGreaterThanOrEqual(20);
      }
    }
    expect(executorFor('smoke', 10)).toMatchObject({ executor: 'constant-vus', vus: 1 });
    expect(executorFor('soak', 10, { hold: '4h' })).toMatchObject({ vus: 10, duration: '4h' });
  });

  it('sets thresholds per scenario on tagged sub-metrics, with a last-byte budget above the stream length', () => {
    const thresholds = thresholdsFor(['sse', 'slow'], { vusScale: 1 });
    expect(thresholds['http_req_waiting{scenario:sse}']).toEqual(['p(95)<500']);
    expect(thresholds['http_req_duration{scenario:sse,name:sse}']).toEqual(['p(95)<1950']);
    expect(thresholds['stream_body_ok{scenario:slow}']).toEqual(['rate>0.99']);
    expect(Object.keys(thresholds).some((key) => key.includes('text-manual'))).toBe(false);
  });

  it('keeps the request timeout above the stream length (k6 timeout covers the whole body)', () => {
    for (const scenario of SCENARIO_NAMES) {
      const params = iterationParams(scenario, 0, { vusScale: 1, interval: 500 });
      expect(requestTimeoutMs(params)).toBeGreaterThan(streamLengthMs(params));
      expect(Object.keys(ROUTES[scenario].defaults)).toContain('count');
    }
    expect(iterationParams('chunked', 1, { vusScale: 1 }).encoding).toBe('base64');
    expect(iterationParams('chunked', 2, { vusScale: 1 }).encoding).toBe('hex');
  });
});

/** Node's SHA-256 in the shape k6/crypto's hasher is used in the scripts; counts the bytes it hashes. */
function nodeSha256(): { newHasher: NewHasher; hashed: () => number } {
  let hashed = 0;
  return {
    newHasher: () => {
      const hash = createHash('sha256');
      return {
        update: (bytes) => {
          hashed += bytes.byteLength;
          hash.update(new Uint8Array(bytes));
        },
        digest: () => hash.digest('hex'),
      };
    },
    hashed: () => hashed,
  };
}

function routeBody(count: number, size: number): Uint8Array {
  const body = new Uint8Array(count * size);
  for (let block = 1; block <= count; block += 1) body.set(binaryBlock(block, size), (block - 1) * size);
  return body;
}

const copyOf = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

describe('BinaryBodyChecker (native digests instead of a byte loop in k6)', () => {
  it('block i is the 0…255 sequence from (31·i) mod 256, so one pattern holds every block', () => {
    for (const block of [1, 2, 9, 255, 256, 257, 1000]) {
      expect(blockStart(block)).toBe(binaryByte(block, 0));
      expect([...binaryBlock(block, 600)]).toEqual(Array.from({ length: 600 }, (_, j) => (blockStart(block) + j) & 0xff));
    }
    expect(blockStart(257)).toBe(blockStart(1));
  });

  // Sizes on both sides of the 4096-byte limit of the 256-block cycle; counts past one cycle.
  const shapes = fc.oneof(
    fc.record({ count: fc.integer({ min: 0, max: 600 }), size: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ count: fc.integer({ min: 0, max: 6 }), size: fc.integer({ min: 4090, max: 4200 }) }),
  );
  const change = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), keep: fc.nat() }),
    fc.record({ kind: fc.constant('extra' as const), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  );

  it('agrees with the byte-by-byte verifier on whole, cut, extended, corrupted and reordered bodies', () => {
    const { newHasher } = nodeSha256();
    const checker = new BinaryBodyChecker(newHasher);
    fc.assert(
      fc.property(shapes, change, fc.boolean(), ({ count, size }, edit, allowPrefix) => {
        let body = routeBody(count, size);
        if (edit.kind === 'flip' && body.length > 0) body[edit.at % body.length] = body[edit.at % body.length]! ^ edit.by;
        if (edit.kind === 'cut') body = body.slice(0, body.length === 0 ? 0 : edit.keep % body.length);
        if (edit.kind === 'extra') body = Uint8Array.from([...body, edit.byte]);
        if (edit.kind === 'swap' && count > 1 && size > 0) {
          const a = edit.a % count;
          const b = edit.b % count;
          const blockA = body.slice(a * size, (a + 1) * size);
          body.copyWithin(a * size, b * size, (b + 1) * size);
          body.set(blockA, b * size);
        }
        const fast = checker.check(copyOf(body), { count, size }, { allowPrefix });
        expect(fast).toEqual(verifyBinaryBody(body, { count, size }, { allowPrefix }));
      }),
      { numRuns: 400 },
    );
  });

  it('hashes the expected body of a shape once, then only what arrives', () => {
    const sha = nodeSha256();
    const checker = new BinaryBodyChecker(sha.newHasher);
    const params = { count: 256, size: 65536 }; // the slow route's 16 MiB
    const body = copyOf(routeBody(params.count, params.size));
    expect(checker.check(body, params)).toEqual({ ok: true, units: 256 });
    expect(sha.hashed()).toBe(2 * body.byteLength);
    expect(checker.check(body, params)).toEqual({ ok: true, units: 256 });
    expect(sha.hashed()).toBe(3 * body.byteLength);
    // a cut stream hashes its own prefix twice (received, expected), nothing more
    const before = sha.hashed();
    expect(checker.check(body.slice(0, 100_000), params, { allowPrefix: true })).toEqual({ ok: true, units: 1 });
    expect(sha.hashed() - before).toBe(200_000);
  });

  it('names the first wrong byte and its block, as the byte-by-byte verifier does', () => {
    const checker = new BinaryBodyChecker(nodeSha256().newHasher);
    const body = routeBody(32, 4096);
    body[3 * 4096 + 17] = 0;
    expect(checker.check(copyOf(body), { count: 32, size: 4096 })).toEqual({
      ok: false,
      units: 3,
      problem: `byte ${3 * 4096 + 17} (block 4) is 0, expected ${binaryByte(4, 17)}`,
    });
    expect(checker.check(copyOf(body.slice(0, 100)), { count: 32, size: 4096 })).toEqual({
      ok: false,
      units: 0,
      problem: '100 bytes, expected 131072 (32 × 4096)',
    });
  });
});

describe('options frozen in an archive', () => {
  const smokeSse = { scenarios: { sse: { executor: 'constant-vus', vus: 1, duration: '10s', exec: 'sse', tags: { profile: 'smoke' } } }, thresholds: thresholdsFor(['sse'], { vusScale: 1 }) } as const;

  it('reads k6 durations as k6 writes them back', () => {
    expect(durationMs('2m0s')).toBe(120_000);
    expect(durationMs('1h2m3.5s')).toBe(3_723_500);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs(250)).toBe(250);
    expect(durationMs('soon')).toBeUndefined();
  });

  it('accepts the same options with durations written differently', () => {
    const effective = { ...smokeSse, scenarios: { sse: { ...smokeSse.scenarios.sse, duration: '10s', gracefulStop: '30s', startTime: null } } };
    expect(optionsMismatch(effective as never, smokeSse as never)).toBeUndefined();
  });

  it('names other scenarios, another profile, another hold time and other thresholds', () => {
    const all = { scenarios: Object.fromEntries(SCENARIO_NAMES.map((name) => [name, { ...smokeSse.scenarios.sse, exec: name }])), thresholds: thresholdsFor(SCENARIO_NAMES, { vusScale: 1 }) };
    const load = { scenarios: { sse: { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '30s', target: 20 }], exec: 'sse', tags: { profile: 'load' } } }, thresholds: smokeSse.thresholds };
    expect(optionsMismatch(all as never, smokeSse as never)?.[0]).toBe(`scenarios: ${[...SCENARIO_NAMES].sort().join(', ')} in effect, sse asked`);
    expect(optionsMismatch(smokeSse as never, load as never)).toEqual(['sse: constant-vus profile smoke 1 VUs for 10000ms in effect, ramping-vus profile load stages 30000ms→20 asked']);
    const longer = { ...smokeSse, scenarios: { sse: { ...smokeSse.scenarios.sse, duration: '1m' } } };
    expect(optionsMismatch(smokeSse as never, longer as never)).toEqual(['sse: constant-vus profile smoke 1 VUs for 10000ms in effect, constant-vus profile smoke 1 VUs for 60000ms asked']);
    const slower = { ...smokeSse, thresholds: thresholdsFor(['sse'], { vusScale: 1, interval: 500 }) };
    expect(optionsMismatch(smokeSse as never, slower as never)?.[0]).toContain('sse thresholds: ');
    // sse-ids' thresholds are not sse's
    const both = { scenarios: { ...smokeSse.scenarios, 'sse-ids': { ...smokeSse.scenarios.sse, exec: 'sseIds' } }, thresholds: thresholdsFor(['sse', 'sse-ids'], { vusScale: 1 }) };
    expect(optionsMismatch(both as never, both as never)).toBeUndefined();
  });

  it("leaves options that are not this project's scenarios alone (k6's own --vus / --duration)", () => {
    const cli = { scenarios: { default: { executor: 'constant-vus', vus: 3, duration: '5s', exec: 'default' } } };
    expect(optionsMismatch(cli as never, smokeSse as never)).toBeUndefined();
  });

  it('says how to bake the settings into the archive', () => {
    const message = frozenOptionsMessage(['scenarios: sse in effect, binary asked'], [['SCENARIO', 'binary'], ['PROFILE', 'load'], ['VUS', '2']]);
    expect(message).toContain('  - scenarios: sse in effect, binary asked');
    expect(message).toContain('k6 archive -e SCENARIO=binary -e PROFILE=load -e VUS=2 load/k6/main.ts -O streamconform.tar');
    expect(message).toContain('give only BASE_URL');
  });
});

describe('VerifiedBodies (a body equal to one verified in full is not decoded again)', () => {
  const body = ['{"i":1,"pad":".."}', '{"i":2,"pad":".."}'].map((json) => `${Buffer.from(json).toString('hex')}\n`).join('');
  const params = { count: 2, size: 2, encoding: 'hex' as const };

  it('runs the full verifier once per URL while the bodies stay the same', () => {
    const cache = new VerifiedBodies();
    let full = 0;
    const verify = (text: string) => cache.verify('/chunked?count=2', text, () => (full += 1, verifyChunkedBody(text, params)));
    expect(verify(body)).toEqual({ ok: true, units: 2 });
    expect(verify(body)).toEqual({ ok: true, units: 2 });
    expect(full).toBe(1);
  });

  it('verifies in full any body that differs, and never remembers a failed one', () => {
    const cache = new VerifiedBodies();
    let full = 0;
    const verify = (key: string, text: string) => cache.verify(key, text, () => (full += 1, verifyChunkedBody(text, params)));
    const wrong = body.replace('7b2269223a31', '7b2269223a33'); // {"i":3 in the first chunk
    expect(verify('a', wrong).ok).toBe(false);
    expect(verify('a', wrong).ok).toBe(false);
    expect(full).toBe(2);
    expect(verify('a', body).ok).toBe(true);
    expect(verify('a', wrong)).toMatchObject({ ok: false, problem: expect.stringContaining('chunk 1 is') });
    expect(verify('b', body).ok).toBe(true); // another URL: its own full check
    expect(full).toBe(5);
  });

  it('keeps at most maxEntries bodies of at most maxLength characters', () => {
    const cache = new VerifiedBodies(2, 10);
    let full = 0;
    const ok = () => (full += 1, { ok: true, units: 1 });
    cache.verify('a', 'x', ok);
    cache.verify('b', 'x', ok);
    cache.verify('c', 'x', ok); // evicts a
    cache.verify('a', 'x', ok);
    cache.verify('long', 'x'.repeat(11), ok);
    cache.verify('long', 'x'.repeat(11), ok);
    expect(full).toBe(6);
    cache.verify('a', 'x', ok);
    expect(full).toBe(6);
  });
});

describe('textSummary (what k6 prints at the end)', () => {
  it("names failed checks in groups too (teardown's), and says when no request was made", () => {
    const text = textSummary({
      metrics: { http_reqs: { type: 'counter', contains: 'default', values: { count: 0 } } },
      root_group: {
        name: '',
        checks: [{ name: 'sse: status is 200', passes: 0, fails: 0 }],
        groups: [{ name: 'teardown', checks: [{ name: 'target: every stream closed after the run', passes: 0, fails: 1 }] }],
      },
      state: { testRunDurationMs: 20 },
    });
    expect(text).toContain('✗ check "target: every stream closed after the run": 1 of 1 failed');
    expect(text).toContain('no requests were made: the run stopped before its scenarios');
    expect(text).not.toContain('sse: status is 200');
  });
});
