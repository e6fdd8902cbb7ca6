/**
 * CHUNK-001..011: every check passes on the reference and fails on a
 * reference with one thing broken (the requirement it judges).
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { chunkChecks } from '../../conformance/properties/chunk.ts';
import type { Context, ManualStreamUnderTest } from '../../conformance/adapter/under-test.ts';
import { itJudgesArea } from './area-tests.ts';
import { checksOf, editBody, failureOf, mutantAdapter, withEditedResponse, type Mutation } from './reference-mutant.ts';

type ChunkOptions = { encoding?: string } | undefined;

const isUtf8 = (options: ChunkOptions) => (options?.encoding ?? 'utf-8') === 'utf-8';

async function* mapValues(iterable: unknown, map: (value: unknown) => unknown): AsyncGenerator<unknown> {
  for await (const value of iterable as AsyncIterable<unknown>) yield map(value);
}

/** A mutant that turns some chunks into other values (or raw writes), for both writeChunk and chunkedResponse. */
function valueMutant(map: (value: unknown, options: ChunkOptions) => { raw: string } | { value: unknown }): Mutation {
  return {
    stream: (inner) => ({
      writeChunk: (value, options) => {
        const mapped = map(value, options);
        return 'raw' in mapped ? inner.write(mapped.raw) : inner.writeChunk(mapped.value, options);
      },
    }),
    ctx: (inner) => ({
      chunkedResponse: (chunks, options) =>
        inner.chunkedResponse(
          mapValues(chunks, (value) => {
            const mapped = map(value, options);
            return 'raw' in mapped ? mapped.raw : mapped.value;
          }),
          options,
        ),
    }),
  };
}

/** A mutant whose every chunk body (manual and chunkedResponse) goes through `edit`, chunk by chunk. */
function bodyMutant(edit: (chunk: string) => string, flush = ''): Mutation {
  return {
    stream: (inner) => withEditedResponse(inner, (response) => editBody(response, edit, flush)),
    ctx: (inner) => ({ chunkedResponse: async (chunks, options) => editBody(await inner.chunkedResponse(chunks, options), edit, flush) }),
  };
}

const isJsonValue = (value: unknown) => typeof value !== 'string' && !(value instanceof Uint8Array);
const KNOWN = new Set(['utf-8', 'base64', 'hex']);

const mutants: Record<string, Array<[string, Mutation]>> = {
  'CHUNK-001': [['a newline after each string', valueMutant((value, options) => (typeof value === 'string' && isUtf8(options) ? { raw: `${value}\n` } : { value }))]],
  'CHUNK-002': [['bytes stringified', valueMutant((value) => (value instanceof Uint8Array ? { value: Array.from(value).join(',') } : { value }))]],
  'CHUNK-003': [['JSON without the newline', valueMutant((value, options) => (isJsonValue(value) && isUtf8(options) ? { raw: JSON.stringify(value) } : { value }))]],
  'CHUNK-004': [
    [
      'unserializable chunks written as "undefined"',
      {
        stream: (inner: ManualStreamUnderTest) => ({
          writeChunk: (value: unknown, options?: { encoding?: string }) => {
            try {
              return inner.writeChunk(value, options);
            } catch {
              return inner.write('undefined');
            }
          },
        }),
      },
    ],
  ],
  'CHUNK-005': [['base64url alphabet', bodyMutant((chunk) => chunk.replace(/\+/g, '-').replace(/\//g, '_'))]],
  'CHUNK-006': [['base64 without padding', bodyMutant((chunk) => chunk.replace(/=+\n/g, '\n'))]],
  'CHUNK-007': [['uppercase hex', bodyMutant((chunk) => chunk.toUpperCase())]],
  'CHUNK-008': [['empty chunks dropped', bodyMutant((chunk) => (chunk === '\n' ? '' : chunk))]],
  'CHUNK-009': [
    [
      'unknown encodings fall back to utf-8',
      {
        stream: (inner: ManualStreamUnderTest) => ({
          writeChunk: (value: unknown, options?: { encoding?: string }) =>
            inner.writeChunk(value, KNOWN.has(options?.encoding ?? 'utf-8') ? options : { encoding: 'utf-8' }),
        }),
        ctx: (inner: Context) => ({
          chunkedResponse: (chunks: unknown, options?: { encoding?: string }) =>
            inner.chunkedResponse(chunks, KNOWN.has(options?.encoding ?? 'utf-8') ? options : { ...options, encoding: 'utf-8' }),
        }),
      },
    ],
    [
      'unknown encoding refused only when the body is read',
      {
        ctx: (inner: Context) => ({
          chunkedResponse: (chunks: unknown, options?: { encoding?: string }) =>
            inner.chunkedResponse(
              mapValues(chunks, (value) => {
                if (!KNOWN.has(options?.encoding ?? 'utf-8')) throw new TypeError(`unknown encoding ${String(options?.encoding)}`);
                return value;
              }),
              KNOWN.has(options?.encoding ?? 'utf-8') ? options : { encoding: 'utf-8' },
            ),
        }),
      },
    ],
  ],
  'CHUNK-010': [['chunkedResponse takes arrays only (Array.from)', { ctx: (inner: Context) => ({ chunkedResponse: (chunks: unknown, options?: { encoding?: string }) => inner.chunkedResponse(Array.from(chunks as Iterable<unknown>), options) }) }]],
  'CHUNK-011': [['HTTP chunk framing in the body', bodyMutant((chunk) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`, '0\r\n\r\n')]],
};

const reference = await loadAdapter('reference');

describe('CHUNK checks', () => {
  itJudgesArea('CHUNK', 11, chunkChecks, reference, mutants);

  it('[CHUNK-011] names the framing when a body is framed', async () => {
    const adapter = await mutantAdapter('framing', mutants['CHUNK-011']![0]![1]);
    const failure = await failureOf(checksOf(chunkChecks, 'CHUNK-011')[0]!, adapter);
    expect(failure?.message).toMatch(/HTTP chunk framing \((it starts with the chunk-size line|it ends with the last-chunk)/);
  });
});
