/**
 * HDR-001..008: the response headers and status of all four kinds of
 * streams (`createStream`, `streamResponse`, `chunkedResponse`,
 * `sseResponse`). They judge the head of the response only: the body is
 * cancelled unread, and what the writes or the body do (a body that errors
 * on string chunks, say) is other requirements' business. Media types are
 * compared by their grammar (RFC 9110 §8.3.1: type, subtype and parameter
 * names case-insensitive, the charset value case-insensitive, quoted and
 * token values alike).
 * RFC 9110 §5.1, §7.6.1, §8.3; RFC 9113 §8.2.2.
 */
import fc from 'fast-check';
import {
  contentLengthHeader,
  extraHeaders,
  extraHeadersOption,
  HOP_BY_HOP_FIELDS,
  hopByHopHeader,
  mediaType,
  optionsWithoutContentType,
  overridingInput,
  someExtraHeaders,
  streamContent,
  streamKind,
  type StreamKind,
} from '../arbitraries/headers.ts';
import { attempt, CallLog, describeThrown } from '../drive/attempt.ts';
import { escapeText } from '../bytes/escape.ts';
import { responseHead } from '../drive/response-head.ts';
import { yieldEach } from '../drive/stream-run.ts';
import { parseMediaType, sameMediaType } from '../oracles/http-fields.ts';
import type { Check, CheckContext } from '../runner/check.ts';
import type { Context } from '../adapter/under-test.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

/** Options of any kind: `contentType` only for createStream and streamResponse. */
interface KindOptions {
  contentType?: string;
  headers?: Record<string, string>;
}

function describeCall(kind: StreamKind, options: KindOptions | undefined): string {
  const source = kind === 'createStream' ? '' : kind === 'chunkedResponse' ? 'array, ' : 'generator, ';
  return `${kind}(${source}${options === undefined ? '' : fc.stringify(options)})`.replace(', )', ')');
}

/**
 * Builds the response of `kind` with `options` (left out when undefined),
 * sending `content`. A manual stream's writes and close are made but not
 * judged (what they do is the STREAM and CLOSE requirements' business).
 */
async function makeResponse(c: Context, kind: StreamKind, options: KindOptions | undefined, content: readonly string[], log: CallLog): Promise<unknown> {
  switch (kind) {
    case 'createStream': {
      const stream = await (options === undefined ? c.createStream() : c.createStream(options));
      for (const text of content) log.call(() => stream.write(text), `write("${escapeText(text)}")`, false);
      log.call(() => stream.close(), 'close()', false);
      return stream.response;
    }
    case 'streamResponse':
      return options === undefined ? c.streamResponse(yieldEach(content)) : c.streamResponse(yieldEach(content), options);
    case 'chunkedResponse':
      return options === undefined ? c.chunkedResponse([...content]) : c.chunkedResponse([...content], options);
    case 'sseResponse':
      return options === undefined ? c.sseResponse(yieldEach(content)) : c.sseResponse(yieldEach(content), options);
  }
}

/** The head of the response of `kind` (its body cancelled unread); the call throwing fails the run. */
async function responseOf(ctx: CheckContext, kind: StreamKind, options: KindOptions | undefined, content: readonly string[]): Promise<Response> {
  return responseHead(ctx, describeCall(kind, options), (c) => makeResponse(c, kind, options, content, new CallLog()));
}

function shown(value: string | null): string {
  return value === null ? 'missing' : `"${escapeText(value)}"`;
}

const defaultMediaType: Check = {
  requirement: 'HDR-001',
  title: 'without contentType, createStream, streamResponse and chunkedResponse send text/plain; charset=utf-8',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(
        streamKind(['createStream', 'streamResponse', 'chunkedResponse']),
        optionsWithoutContentType(),
        streamContent(),
        async (kind, options, texts) => {
          const response = await responseOf(ctx, kind, options, texts);
          const contentType = response.headers.get('content-type');
          const subject = `${describeCall(kind, options)}: Content-Type is ${shown(contentType)}`;
          const parsed = contentType === null ? undefined : parseMediaType(contentType);
          expectThat(parsed !== undefined, `${subject}, not a media type (RFC 9110 §8.3.1); expected text/plain with charset=utf-8`);
          expectThat(parsed.type === 'text' && parsed.subtype === 'plain', `${subject}: the media type is ${parsed.type}/${parsed.subtype}, expected text/plain`);
          const charset = parsed.parameters.find(([name]) => name === 'charset')?.[1] ?? null;
          expectThat(
            charset !== null && charset.toLowerCase() === 'utf-8',
            `${subject}: charset is ${charset === null ? 'missing' : `"${escapeText(charset)}"`}, expected utf-8 (without it, browsers guess and garble non-ASCII text)`,
          );
        },
      ),
    );
  },
};

const contentTypeOption: Check = {
  requirement: 'HDR-002',
  title: 'the contentType option is sent as Content-Type, unchanged',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(streamKind(['createStream', 'streamResponse']), mediaType(), extraHeaders(), streamContent(), async (kind, contentType, headers, texts) => {
        const options = { contentType, headers };
        const response = await responseOf(ctx, kind, options, texts);
        const got = response.headers.get('content-type');
        expectThat(
          got !== null && sameMediaType(got, contentType),
          `${describeCall(kind, options)}: Content-Type is ${shown(got)}, expected the media type "${escapeText(contentType)}" unchanged (compared by RFC 9110 §8.3.1)`,
        );
      }),
    );
  },
};

const headersSent: Check = {
  requirement: 'HDR-003',
  title: 'every field of options.headers is sent, for all four kinds',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(streamKind(), someExtraHeaders(), streamContent(), async (kind, headers, texts) => {
        const options = { headers };
        const response = await responseOf(ctx, kind, options, texts);
        for (const [name, value] of Object.entries(headers)) {
          const got = response.headers.get(name);
          expectThat(got === value, `${describeCall(kind, options)}: ${name} is ${shown(got)}, expected "${escapeText(value)}"`);
        }
      }),
    );
  },
};

const overridesDefaults: Check = {
  requirement: 'HDR-004',
  title: 'options.headers replace the defaults whatever their case, leaving one value',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(overridingInput(), async ([kind, overrides, extra, texts]) => {
        const options = { headers: { ...extra, ...Object.fromEntries(overrides) } };
        const response = await responseOf(ctx, kind, options, texts);
        for (const [name, value] of overrides) {
          const got = response.headers.get(name);
          const same = got !== null && (name.toLowerCase() === 'content-type' ? sameMediaType(got, value) : got === value);
          expectThat(
            same,
            `${describeCall(kind, options)}: ${name} is ${shown(got)}, expected exactly "${escapeText(value)}" (the caller's value replaces the default, case-insensitively; Headers.get joins duplicates with ", ")`,
          );
        }
      }),
    );
  },
};

const noContentLength: Check = {
  requirement: 'HDR-005',
  title: 'no Content-Length on any kind of stream',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(streamKind(), extraHeadersOption(), streamContent(), async (kind, options, texts) => {
        const response = await responseOf(ctx, kind, options, texts);
        const got = response.headers.get('content-length');
        expectThat(got === null, `${describeCall(kind, options)}: Content-Length is ${shown(got)}; a stream's length is unknown when its headers go out`);
      }),
    );
  },
};

/** HDR-009: a length the caller passes is refused (a TypeError at the call) or dropped, never sent. */
const callerContentLength: Check = {
  requirement: 'HDR-009',
  title: 'a Content-Length in options.headers is refused with a TypeError or never sent',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(streamKind(), contentLengthHeader(), extraHeaders({ maxKeys: 2 }), streamContent(), async (kind, length, extra, texts) => {
        const options = { headers: { ...extra, [length.name]: length.value } };
        const what = describeCall(kind, options);
        let refused: unknown;
        let wasRefused = false;
        const response = await responseHead(ctx, what, async (c) => {
          const made = await attempt(() => makeResponse(c, kind, options, texts, new CallLog()), what);
          if (!made.threw) return made.value;
          if (made.error instanceof Mismatch) throw made.error;
          wasRefused = true;
          refused = made.error;
          return new Response('refused');
        });
        if (wasRefused) {
          expectThat(refused instanceof TypeError, `${what} threw ${describeThrown(refused)}; a refusal is a TypeError`);
          return;
        }
        const got = response.headers.get('content-length');
        expectThat(got === null, `${what}: the response carries Content-Length: ${shown(got)}; a stream's length is unknown when its headers go out, whoever set it (refuse it with a TypeError or drop it)`);
      }),
    );
  },
};

const noHopByHop: Check = {
  requirement: 'HDR-006',
  title: 'no hop-by-hop header is set by the implementation',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(streamKind(), extraHeadersOption(), streamContent(), async (kind, options, texts) => {
        const response = await responseOf(ctx, kind, options, texts);
        const present = HOP_BY_HOP_FIELDS.filter((name) => response.headers.has(name));
        expectThat(
          present.length === 0,
          `${describeCall(kind, options)}: the response carries ${present.map((name) => `${name}: ${response.headers.get(name)}`).join(', ')}; hop-by-hop fields are the server's (RFC 9110 §7.6.1) and malformed in HTTP/2 (RFC 9113 §8.2.2)`,
        );
      }),
    );
  },
};

const hopByHopRefused: Check = {
  requirement: 'HDR-007',
  title: 'a hop-by-hop field in options.headers is refused with a TypeError naming it, or never sent',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(streamKind(), hopByHopHeader(), extraHeaders({ maxKeys: 2 }), streamContent(), async (kind, hop, extra, texts) => {
        const options = { headers: { ...extra, [hop.name]: hop.value } };
        const what = describeCall(kind, options);
        let refused: unknown;
        let wasRefused = false;
        const response = await responseHead(ctx, what, async (c) => {
          const made = await attempt(() => makeResponse(c, kind, options, texts, new CallLog()), what);
          if (!made.threw) return made.value;
          if (made.error instanceof Mismatch) throw made.error;
          wasRefused = true;
          refused = made.error;
          return new Response('refused');
        });
        if (wasRefused) {
          expectThat(refused instanceof TypeError, `${what} threw ${describeThrown(refused)}; a refusal is a TypeError`);
          expectThat(
            refused.message.toLowerCase().includes(hop.name.toLowerCase()),
            `${what} threw a TypeError that does not name ${hop.name}: ${describeThrown(refused)}`,
          );
          return;
        }
        const got = response.headers.get(hop.name);
        expectThat(got === null, `${what}: the response carries ${hop.name}: ${shown(got)}; a hop-by-hop field is refused (TypeError) or dropped, never sent`);
      }),
    );
  },
};

const status200: Check = {
  requirement: 'HDR-008',
  title: 'every kind of stream answers 200',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(streamKind(), extraHeadersOption(), streamContent(), async (kind, options, texts) => {
        const response = await responseOf(ctx, kind, options, texts);
        expectThat(response.status === 200, `${describeCall(kind, options)}: status ${response.status}, expected 200`);
      }),
    );
  },
};

/** The checks of HDR-001..009. */
export const hdrChecks: Check[] = [defaultMediaType, contentTypeOption, headersSent, overridesDefaults, noContentLength, callerContentLength, noHopByHop, hopByHopRefused, status200];
