/**
 * The encoders broken adapters subclass are faithful: routed through the
 * same wrappers with nothing overridden, `writeSSE`, `sseResponse`,
 * `writeChunk` and `chunkedResponse` send exactly the reference's bytes and
 * headers, and refuse what it refuses. So each broken adapter differs from
 * the reference by its one override, nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import referenceAdapter from '../../conformance/adapter/reference-adapter.ts';
import { readBody } from '../../conformance/drive/body.ts';
import { breakReference, chunksVia, composeBreaks, sseVia, type BrokenApp, type BrokenContext } from './break.ts';
import { ChunkEncoder } from './chunk-encoder.ts';
import { SseEncoder } from './sse-encoder.ts';

const faithful = breakReference({
  name: 'faithful',
  breaks: 'SSE-004',
  ...composeBreaks(sseVia(new SseEncoder()), chunksVia(new ChunkEncoder())),
});

interface Answer {
  status: number;
  headers: [string, string][];
  /** The body as latin-1 (one char per byte), then how it ended: `[clean]`, `[error]`, ... */
  body: string;
  /** What the handler's call threw, when it refused. */
  error?: string;
}

/** Runs `handler` on a fresh app of the adapter; a TypeError thrown by the handler is reported by name. */
async function answer(createApp: () => unknown, handler: (ctx: BrokenContext) => Promise<Response> | Response): Promise<Answer> {
  const app = (await createApp()) as BrokenApp;
  let thrown: unknown;
  app.get('/t', async (ctx) => {
    try {
      return await handler(ctx);
    } catch (error) {
      thrown = error;
      return new Response('refused', { status: 599 });
    }
  });
  const response = await app.handler(new Request('http://faithful.test/t'));
  const read = await readBody(response, { timeoutMs: 2_000 });
  const body = `${Buffer.from(read.bytes).toString('latin1')}[${read.end}]`;
  return {
    status: response.status,
    headers: [...response.headers],
    body,
    ...(thrown === undefined ? {} : { error: thrown instanceof TypeError ? 'TypeError' : String(thrown) }),
  };
}

async function both(handler: (ctx: BrokenContext) => Promise<Response> | Response): Promise<[Answer, Answer]> {
  return [await answer(() => faithful.createApp(), handler), await answer(() => referenceAdapter.createApp(), handler as never)];
}

const lineBreaks = fc.constantFrom('\r', '\n', '\r\n');
const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), lineBreaks), { maxLength: 6 }).map((parts) => parts.join(''));
const value = fc.oneof(text, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(undefined, () => 1, 10n));
const fieldText = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('a\rb', 'a\nb', 'a\0b'));
const sseFields = fc.record(
  { event: fieldText, id: fieldText, retry: fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, Number.NaN)) },
  { requiredKeys: [] },
);
const chunk = fc.oneof(text, fc.uint8Array({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
const encoding = fc.constantFrom(undefined, 'utf-8', 'base64', 'hex', 'utf8');

describe('the encoders broken adapters build on are faithful to the reference', () => {
  it('writeSSE: same bytes, same refusals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, sseFields), { maxLength: 4 }), async (calls) => {
        const [mine, theirs] = await both(async (ctx) => {
          const stream = await ctx.createStream({ contentType: 'text/event-stream' });
          const refused: string[] = [];
          for (const [data, fields] of calls) {
            try {
              stream.writeSSE(data, fields);
            } catch (error) {
              refused.push(error instanceof TypeError ? 'TypeError' : String(error));
            }
          }
          stream.write(`refused: ${refused.join(',')}\n`);
          stream.close();
          return stream.response;
        });
        expect(mine).toEqual(theirs);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('sseResponse: same headers, same bytes, same refusals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 4 }), sseFields, async (values, fields) => {
        const [mine, theirs] = await both((ctx) => ctx.sseResponse(values, { ...fields, headers: { 'X-Test': '1' } }));
        expect(mine.error).toEqual(theirs.error);
        if (mine.error === undefined) {
          expect(mine.headers).toEqual(theirs.headers);
          expect(mine.status).toBe(theirs.status);
          // A value JSON cannot carry ends both bodies in error at the same place.
          expect(mine.body).toEqual(theirs.body);
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('writeChunk: same bytes, same refusals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(chunk, encoding), { maxLength: 4 }), async (calls) => {
        const [mine, theirs] = await both(async (ctx) => {
          const stream = await ctx.createStream();
          const refused: string[] = [];
          for (const [data, name] of calls) {
            try {
              stream.writeChunk(data, name === undefined ? undefined : { encoding: name });
            } catch (error) {
              refused.push(error instanceof TypeError ? 'TypeError' : String(error));
            }
          }
          stream.write(`refused: ${refused.join(',')}\n`);
          stream.close();
          return stream.response;
        });
        expect(mine).toEqual(theirs);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('chunkedResponse: same headers, same bytes, same refusals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(chunk, { maxLength: 4 }), encoding, async (chunks, name) => {
        const [mine, theirs] = await both((ctx) => ctx.chunkedResponse(chunks, { encoding: name, headers: { 'X-Test': '1' } }));
        expect(mine.error).toEqual(theirs.error);
        if (mine.error === undefined) {
          expect(mine.headers).toEqual(theirs.headers);
          expect(mine.body).toEqual(theirs.body);
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
