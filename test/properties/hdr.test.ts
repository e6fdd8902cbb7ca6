/**
 * HDR-001..008: every check passes on the reference and fails on a reference
 * with one thing broken (the requirement it judges).
 */
import { describe } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { hdrChecks } from '../../conformance/properties/hdr.ts';
import type { Context, ManualStreamUnderTest } from '../../conformance/adapter/under-test.ts';
import { itJudgesArea } from './area-tests.ts';
import { delegate, editHeaders, withEditedResponse, type Mutation } from './reference-mutant.ts';

type Options = { contentType?: string; headers?: Record<string, string>; encoding?: string } | undefined;

/**
 * A mutant for all four kinds: `options` go through `mapOptions` on the way
 * in, the response through `edit` (given the caller's original options) on
 * the way out.
 */
function allKinds(edit: (response: Response, options: Options) => Response, mapOptions: (options: Options) => Options = (options) => options): Mutation {
  return {
    ctx: (inner: Context) => ({
      createStream: async (options) => {
        const stream = await inner.createStream(mapOptions(options));
        return { ...delegate(stream), ...withEditedResponse(stream, (response) => edit(response, options)) } as ManualStreamUnderTest;
      },
      streamResponse: async (iterable, options) => edit(await inner.streamResponse(iterable, mapOptions(options)), options),
      chunkedResponse: async (chunks, options) => edit(await inner.chunkedResponse(chunks, mapOptions(options) as never), options),
      sseResponse: async (iterable, options) => edit(await inner.sseResponse(iterable, mapOptions(options) as never), options),
    }),
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te']);
const DEFAULTS = new Set(['content-type', 'cache-control', 'x-accel-buffering']);

/** `options` without the header fields `drop` selects (by lower-case name). */
function withoutHeaders(options: Options, drop: (lowerName: string) => boolean): Options {
  if (options?.headers === undefined) return options;
  return { ...options, headers: Object.fromEntries(Object.entries(options.headers).filter(([name]) => !drop(name.toLowerCase()))) };
}

const mutants: Record<string, Array<[string, Mutation]>> = {
  'HDR-001': [
    [
      'default media type without charset',
      allKinds((response) =>
        editHeaders(response, (headers) => {
          if (headers.get('content-type') === 'text/plain; charset=utf-8') headers.set('Content-Type', 'text/plain');
        }),
      ),
    ],
  ],
  'HDR-002': [
    [
      'charset appended to contentType',
      allKinds(
        (response) => response,
        (options) => (options?.contentType === undefined ? options : { ...options, contentType: `${options.contentType}; charset=utf-8` }),
      ),
    ],
  ],
  'HDR-003': [['chunkedResponse ignores options.headers', { ctx: (inner: Context) => ({ chunkedResponse: (chunks: unknown, options?: Options) => inner.chunkedResponse(chunks, { encoding: options?.encoding }) }) }]],
  'HDR-004': [
    [
      'caller headers appended next to the defaults',
      allKinds(
        (response, options) =>
          editHeaders(response, (headers) => {
            for (const [name, value] of Object.entries(options?.headers ?? {})) if (DEFAULTS.has(name.toLowerCase())) headers.append(name, value);
          }),
        (options) => withoutHeaders(options, (name) => DEFAULTS.has(name)),
      ),
    ],
  ],
  'HDR-005': [['Content-Length set', allKinds((response) => editHeaders(response, (headers) => headers.set('Content-Length', '1024')))]],
  'HDR-006': [['Connection: keep-alive set', allKinds((response) => editHeaders(response, (headers) => headers.set('Connection', 'keep-alive')))]],
  'HDR-007': [
    [
      'hop-by-hop fields from the caller passed through',
      allKinds(
        (response, options) =>
          editHeaders(response, (headers) => {
            for (const [name, value] of Object.entries(options?.headers ?? {})) if (HOP_BY_HOP.has(name.toLowerCase())) headers.set(name, value);
          }),
        (options) => withoutHeaders(options, (name) => HOP_BY_HOP.has(name)),
      ),
    ],
    [
      'hop-by-hop fields refused with an Error that is not a TypeError',
      allKinds(
        (response) => response,
        (options) => {
          const hop = Object.keys(options?.headers ?? {}).find((name) => HOP_BY_HOP.has(name.toLowerCase()));
          if (hop !== undefined) throw new Error(`${hop} may not be set`);
          return options;
        },
      ),
    ],
  ],
  'HDR-008': [['status 201', allKinds((response) => editHeaders(response, () => {}, 201))]],
};

const reference = await loadAdapter('reference');

describe('HDR checks', () => {
  itJudgesArea('HDR', 8, hdrChecks, reference, mutants);
});
