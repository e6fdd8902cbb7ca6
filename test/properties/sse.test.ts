/**
 * SSE-001..022: every check passes on the reference and fails on a reference
 * with one thing broken (the requirement it judges).
 */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { sseChecks } from '../../conformance/properties/sse/index.ts';
import { CheckUnimplemented } from '../../conformance/runner/check.ts';
import { type Context, type ManualStreamUnderTest } from '../../conformance/adapter/under-test.ts';
import { itJudgesArea } from './area-tests.ts';
import { checkContext, checksOf, editBody, editHeaders, failureOf, mutantAdapter, withEditedResponse, type Mutation } from './reference-mutant.ts';

type SseOptions = Parameters<ManualStreamUnderTest['writeSSE']>[1];

/** A mutant whose writeSSE is `writeSSE` (given the reference stream). */
function writeSseMutant(writeSSE: (inner: ManualStreamUnderTest, data: unknown, options: SseOptions) => unknown): Mutation {
  return { stream: (inner) => ({ writeSSE: (data, options) => writeSSE(inner, data, options) }) };
}

/** A mutant whose every event-stream body (manual and sseResponse) goes through `edit`, chunk by chunk. */
function eventBodyMutant(edit: (chunk: string, index: number) => string): Mutation {
  return {
    stream: (inner) => withEditedResponse(inner, (response) => editBody(response, edit)),
    ctx: (inner) => ({ sseResponse: async (iterable, options) => editBody(await inner.sseResponse(iterable, options), edit) }),
  };
}

/** A mutant whose every event-stream response (manual and sseResponse) gets its headers edited. */
function eventHeadersMutant(edit: (headers: Headers) => void): Mutation {
  return {
    stream: (inner) => withEditedResponse(inner, (response) => editHeaders(response, edit)),
    ctx: (inner) => ({ sseResponse: async (iterable, options) => editHeaders(await inner.sseResponse(iterable, options), edit) }),
  };
}

/** A mutant whose every event-stream response goes through `edit`. */
function eventResponseMutant(edit: (response: Response) => Response): Mutation {
  return {
    stream: (inner) => withEditedResponse(inner, edit),
    ctx: (inner) => ({ sseResponse: async (iterable, options) => edit(await inner.sseResponse(iterable, options)) }),
  };
}

/** `response` whose body hands out strings instead of bytes (a real client's decoder fails on them). */
function stringChunks(response: Response): Response {
  const decoder = new TextDecoder();
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, string>({
      transform(chunk, controller) {
        controller.enqueue(decoder.decode(chunk, { stream: true }));
      },
    }),
  );
  return new Response(body as unknown as ReadableStream<Uint8Array>, { status: response.status, headers: response.headers });
}

function sseResponseMutant(sseResponse: (inner: Context, iterable: unknown, options: Parameters<Context['sseResponse']>[1]) => unknown): Mutation {
  return { ctx: (inner) => ({ sseResponse: (iterable, options) => sseResponse(inner, iterable, options) as Response }) };
}

async function* skipFirst(iterable: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<unknown> {
  let index = 0;
  for await (const value of iterable) if (index++ > 0) yield value;
}

/** A string written as one `data:` line per LF-separated line only (a lone CR stays in the line). */
const splitOnLfOnly = (text: string) => `data: ${text.split('\n').join('\ndata: ')}\n\n`;

const mutants: Record<string, Array<[string, Mutation]>> = {
  'SSE-001': [['charset added to the media type', eventHeadersMutant((headers) => headers.set('Content-Type', 'text/event-stream; charset=utf-8'))]],
  'SSE-002': [['no Cache-Control', eventHeadersMutant((headers) => headers.delete('Cache-Control'))]],
  'SSE-003': [['no X-Accel-Buffering', eventHeadersMutant((headers) => headers.delete('X-Accel-Buffering'))]],
  'SSE-004': [['events not ended by a blank line', eventBodyMutant((chunk) => chunk.replace(/\n\n$/, '\n'))]],
  'SSE-005': [
    [
      'data split on LF only',
      writeSseMutant((inner, data, options) => (typeof data === 'string' ? inner.write(splitOnLfOnly(data)) : inner.writeSSE(data, options))),
    ],
  ],
  'SSE-006': [['"data:" without the space', eventBodyMutant((chunk) => chunk.replace(/^data: /gm, 'data:'))]],
  'SSE-007': [['non-string data as String(value)', writeSseMutant((inner, data, options) => inner.writeSSE(typeof data === 'string' ? data : String(data), options))]],
  'SSE-008': [
    [
      'unserializable data written as text',
      writeSseMutant((inner, data, options) => {
        try {
          return inner.writeSSE(data, options);
        } catch {
          return inner.writeSSE(typeof data === 'symbol' ? data.toString() : String(data), options);
        }
      }),
    ],
    [
      'unserializable data: writes, then throws',
      writeSseMutant((inner, data, options) => {
        try {
          return inner.writeSSE(data, options);
        } catch (error) {
          inner.write('data: \n\n');
          throw error;
        }
      }),
    ],
  ],
  'SSE-009': [['empty string sends a blank line only', writeSseMutant((inner, data, options) => (data === '' ? inner.write('\n') : inner.writeSSE(data, options)))]],
  'SSE-010': [['event option ignored', writeSseMutant((inner, data, options) => inner.writeSSE(data, { ...options, event: undefined }))]],
  'SSE-011': [['id option ignored', writeSseMutant((inner, data, options) => inner.writeSSE(data, { ...options, id: undefined }))]],
  'SSE-012': [
    [
      'line breaks stripped from event',
      writeSseMutant((inner, data, options) => inner.writeSSE(data, { ...options, event: options?.event?.replace(/[\r\n]/g, '') })),
    ],
  ],
  'SSE-013': [
    [
      'CR, LF and NUL stripped from id',
      writeSseMutant((inner, data, options) => inner.writeSSE(data, { ...options, id: options?.id?.replace(/[\r\n\0]/g, '') })),
    ],
  ],
  'SSE-014': [
    ['retry option ignored', writeSseMutant((inner, data, options) => inner.writeSSE(data, { ...options, retry: undefined }))],
    [
      'invalid retry coerced',
      writeSseMutant((inner, data, options) => {
        const retry: unknown = options?.retry;
        const fixed = retry === undefined ? undefined : Math.abs(Math.trunc(Number(retry))) || 0;
        return inner.writeSSE(data, { ...options, retry: Number.isSafeInteger(fixed) ? fixed : 0 });
      }),
    ],
  ],
  'SSE-015': [['the blank line written before each event instead of after it (the last event is never ended)', eventBodyMutant((chunk) => (chunk.endsWith('\n\n') ? `\n${chunk.slice(0, -1)}` : chunk))]],
  'SSE-016': [['data not split into lines', writeSseMutant((inner, data, options) => (typeof data === 'string' ? inner.write(`data: ${data}\n\n`) : inner.writeSSE(data, options)))]],
  'SSE-017': [
    [
      'non-ASCII replaced by "?"',
      writeSseMutant((inner, data, options) => inner.writeSSE(typeof data === 'string' ? data.replace(/[^\0-\x7f]/gu, '?') : data, options)),
    ],
  ],
  'SSE-018': [['first yielded value dropped', sseResponseMutant((inner, iterable, options) => inner.sseResponse(skipFirst(iterable as Iterable<unknown>), options))]],
  'SSE-019': [['event option ignored by sseResponse', sseResponseMutant((inner, iterable, options) => inner.sseResponse(iterable, { ...options, event: undefined }))]],
  'SSE-020': [
    [
      'retry sent twice',
      sseResponseMutant(async (inner, iterable, options) =>
        editBody(await inner.sseResponse(iterable, options), (chunk) => (chunk.startsWith('retry:') ? chunk + chunk : chunk)),
      ),
    ],
    [
      'retry sent after the first event',
      sseResponseMutant(async (inner, iterable, options) =>
        editBody(await inner.sseResponse(iterable, { ...options, retry: undefined }), (chunk, index) =>
          index === 0 && options?.retry !== undefined ? `${chunk}retry: ${options.retry}\n\n` : chunk,
        ),
      ),
    ],
  ],
  'SSE-021': [
    ['writeComment writes an event', { stream: (inner) => ({ writeComment: (text: string) => inner.writeSSE(text) }) }],
  ],
  'SSE-022': [
    ['content-type text/plain', eventHeadersMutant((headers) => headers.set('Content-Type', 'text/plain'))],
    ['body chunks handed out as strings, not bytes', eventResponseMutant(stringChunks)],
  ],
};

const reference = await loadAdapter('reference');

describe('SSE checks', () => {
  it('[SSE-021] is unimplemented, neither passed nor failed, when the stream has no writeComment (an optional capability)', async () => {
    const adapter = await mutantAdapter('writeComment missing', { stream: () => ({ writeComment: undefined }) });
    const thrown = await checksOf(sseChecks, 'SSE-021')[0]!.run(checkContext(adapter, 5)).then(() => undefined, (error: unknown) => error);
    expect(thrown).toBeInstanceOf(CheckUnimplemented);
    expect((thrown as CheckUnimplemented).capability).toBe('writeComment');
  });

  it('[SSE-004] accept writes whose promise settles only after close() (writes are not awaited before the response)', async () => {
    const adapter = await mutantAdapter('late write promises', {
      stream: (inner) => ({
        writeSSE: (data, options) => {
          inner.writeSSE(data, options);
          return inner.closed;
        },
      }),
    });
    expect((await failureOf(checksOf(sseChecks, 'SSE-004')[0]!, adapter, 30))?.message).toBeUndefined();
  });

  it('[SSE-004] fails when a valid writeSSE returns a promise that rejects', async () => {
    const adapter = await mutantAdapter('rejecting write promises', {
      stream: (inner) => ({
        writeSSE: (data, options) => {
          inner.writeSSE(data, options);
          return Promise.reject(new Error('buffer full'));
        },
      }),
    });
    const failure = await failureOf(checksOf(sseChecks, 'SSE-004')[0]!, adapter, 30);
    expect(failure?.message).toMatch(/returned a promise that rejected with Error: buffer full/);
  });

  itJudgesArea('SSE', 22, sseChecks, reference, mutants);
});
