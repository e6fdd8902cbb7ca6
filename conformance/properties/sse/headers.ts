/**
 * The head of an event stream (SSE-001..003): Content-Type exactly
 * text/event-stream, and the defaults `sseResponse` adds (Cache-Control:
 * no-cache, X-Accel-Buffering: no) unless options.headers set them. The
 * head alone is read.
 */
import fc from 'fast-check';
import { extraHeaders } from '../../arbitraries/headers.ts';
import { sseResponseOptions, sseVia, type SseVia } from '../../arbitraries/sse-options.ts';
import { escapeText } from '../../bytes/escape.ts';
import { responseHead } from '../../drive/response-head.ts';
import { yieldEach } from '../../drive/stream-run.ts';
import { hasNoCacheDirective, parseMediaType } from '../../oracles/http-fields.ts';
import type { Check, CheckContext } from '../../runner/check.ts';
import { checkProperty, expectThat } from '../../runner/property.ts';
import { EVENT_STREAM } from './shared.ts';

/** The response of an event stream, head only: a manual stream with no write, or sseResponse of one value. */
function eventStreamHead(ctx: CheckContext, how: SseVia, headers: Record<string, string>, options: Record<string, unknown> = {}): Promise<Response> {
  if (how === 'writeSSE') {
    const streamOptions = { ...EVENT_STREAM, headers };
    return responseHead(ctx, `createStream(${JSON.stringify(streamOptions)})`, async (c) => {
      const stream = await c.createStream(streamOptions);
      try {
        stream.close();
      } catch {
        // Closing is the CLOSE requirements' business; the head is what is judged here.
      }
      return stream.response;
    });
  }
  const all = { ...options, headers };
  return responseHead(ctx, `sseResponse(generator, ${fc.stringify(all)})`, (c) => c.sseResponse(yieldEach(['x']), all));
}

function shown(value: string | null): string {
  return value === null ? 'missing' : `"${escapeText(value)}"`;
}

export const contentTypeExact: Check = {
  requirement: 'SSE-001',
  title: 'content-type is exactly text/event-stream, for writeSSE streams and sseResponse',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseVia(), extraHeaders(), async (how, headers) => {
        const response = await eventStreamHead(ctx, how, headers);
        const contentType = response.headers.get('content-type');
        if (how === 'sseResponse') {
          expectThat(
            contentType === 'text/event-stream',
            `sseResponse(generator) with headers ${JSON.stringify(headers)}: Content-Type is ${shown(contentType)}, expected exactly "text/event-stream" (the guide's own test compares the header string)`,
          );
          return;
        }
        const parsed = contentType === null ? undefined : parseMediaType(contentType);
        expectThat(
          parsed !== undefined && parsed.type === 'text' && parsed.subtype === 'event-stream' && parsed.parameters.length === 0,
          `createStream({ contentType: 'text/event-stream' }) with headers ${JSON.stringify(headers)}: Content-Type is ${shown(contentType)}, expected the media type text/event-stream without parameters`,
        );
      }),
    );
  },
};

export const noCacheDefault: Check = {
  requirement: 'SSE-002',
  title: 'sseResponse carries Cache-Control with the no-cache directive unless options.headers set it',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseResponseOptions(), extraHeaders(), async (options, headers) => {
        const response = await eventStreamHead(ctx, 'sseResponse', headers, options);
        const value = response.headers.get('cache-control');
        expectThat(
          hasNoCacheDirective(value),
          `sseResponse(generator, ${fc.stringify({ ...options, headers })}): Cache-Control is ${shown(value)}; it must carry the no-cache directive (a list may carry more; RFC 9111 §5.2) when options.headers do not set Cache-Control`,
        );
      }),
    );
  },
};

export const accelBufferingDefault: Check = {
  requirement: 'SSE-003',
  title: 'sseResponse carries X-Accel-Buffering: no unless options.headers set it',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseResponseOptions(), extraHeaders(), async (options, headers) => {
        const response = await eventStreamHead(ctx, 'sseResponse', headers, options);
        const value = response.headers.get('x-accel-buffering');
        expectThat(
          value !== null && value.trim().toLowerCase() === 'no',
          `sseResponse(generator, ${fc.stringify({ ...options, headers })}): X-Accel-Buffering is ${shown(value)}, expected "no" (nginx buffers proxied responses otherwise) when options.headers do not set it`,
        );
      }),
    );
  },
};
