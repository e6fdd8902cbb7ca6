/**
 * What the wire checks' routes do with the guide's API: write parts through
 * a manual stream or a generator, end cleanly or throw, and the bytes a
 * simple model expects on the other side.
 */
import type { EventStreamProducer, GeneratorResponseKind, StreamProducer, WirePart } from '../arbitraries/wire.ts';
import { concatBytes, utf8 } from '../bytes/bytes.ts';
import type { Context } from '../adapter/under-test.ts';

/** The bytes of one write: text as UTF-8, bytes as they are. */
export function partBytes(part: WirePart): Uint8Array {
  return part.kind === 'text' ? utf8(part.text) : part.bytes;
}

/** The payload a client must read for `parts`: their bytes, concatenated. */
export function expectedPayload(parts: readonly WirePart[]): Uint8Array {
  return concatBytes(parts.map(partBytes));
}

function writeArgument(part: WirePart): string | Uint8Array {
  return part.kind === 'text' ? part.text : part.bytes;
}

/** Writes `parts` and ends cleanly, the way `producer` says. */
export async function produceStream(ctx: Context, producer: StreamProducer, parts: readonly WirePart[]): Promise<unknown> {
  switch (producer) {
    case 'manual-before-return': {
      const stream = await ctx.createStream();
      for (const part of parts) stream.write(writeArgument(part));
      stream.close();
      return stream.response;
    }
    case 'manual-after-return': {
      const stream = await ctx.createStream();
      void Promise.resolve().then(() => {
        for (const part of parts) stream.write(writeArgument(part));
        stream.close();
      });
      return stream.response;
    }
    case 'generator':
      return ctx.streamResponse(
        (async function* () {
          for (const part of parts) yield writeArgument(part);
        })(),
      );
  }
}

/** Sends `events` (strings without line breaks) as an event stream and ends cleanly. */
export async function produceEventStream(ctx: Context, producer: EventStreamProducer, events: readonly string[]): Promise<unknown> {
  if (producer === 'sse-response') {
    return ctx.sseResponse(
      (async function* () {
        yield* events;
      })(),
    );
  }
  const stream = await ctx.createStream({ contentType: 'text/event-stream' });
  for (const event of events) stream.writeSSE(event);
  stream.close();
  return stream.response;
}

/** The error a check's generator throws. */
export class GeneratorFailure extends Error {
  override readonly name = 'GeneratorFailure';
  readonly code = 'STREAMCONFORM_GENERATOR_FAILURE';
}

/** A response of `kind` whose generator yields `values` and then throws a {@link GeneratorFailure}. */
export function produceFailingGenerator(ctx: Context, kind: GeneratorResponseKind, values: readonly string[]): unknown {
  const source = (async function* () {
    yield* values;
    throw new GeneratorFailure('streamconform: the generator failed on purpose after its values');
  })();
  switch (kind) {
    case 'streamResponse':
      return ctx.streamResponse(source);
    case 'sseResponse':
      return ctx.sseResponse(source);
    case 'chunkedResponse':
      return ctx.chunkedResponse(source);
  }
}
