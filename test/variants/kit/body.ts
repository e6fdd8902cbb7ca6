/**
 * Response bodies built differently from the reference's: a fresh web
 * `ReadableStream` in front of the reference's body (so no bridge can take
 * the reference's shortcuts), pulled one inner read per outer read — no
 * read-ahead, so generators stay pulled, not drained (GEN-004) — with each
 * inner chunk turned into zero or more chunks by `pieces`.
 */

/** What one inner chunk becomes: the chunks to enqueue, in order (their bytes concatenated must be the chunk's). */
export type Pieces = (chunk: Uint8Array) => Uint8Array[];

/** Enqueues the chunk itself. */
export const asIs: Pieces = (chunk) => [chunk];

export interface RewrapOptions {
  /** Build a byte stream (`type: 'bytes'`) instead of a default stream. */
  bytes?: boolean;
  /** Build the new response as an instance of this class (a `Response` subclass). */
  responseClass?: typeof Response;
}

/** A response with the status and headers of `response` and its body re-streamed through `pieces`. */
export function rewrapResponse(response: Response, pieces: Pieces = asIs, options: RewrapOptions = {}): Response {
  const ResponseClass = options.responseClass ?? Response;
  const body = response.body === null ? null : rewrapBody(response.body, pieces, options.bytes === true);
  return new ResponseClass(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function rewrapBody(inner: ReadableStream<Uint8Array>, pieces: Pieces, bytes: boolean): ReadableStream<Uint8Array> {
  const reader = inner.getReader();
  /** One inner read per outer pull; what it gave is enqueued at once (all pieces in the same pull: lockstep kept). */
  const pull = async (controller: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController): Promise<void> => {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (error) {
      controller.error(error);
      return;
    }
    if (result.done) {
      controller.close();
      // A byte stream with a pending BYOB request must be responded to; default readers make none.
      return;
    }
    const parts = pieces(result.value);
    let enqueued = 0;
    for (const part of parts) {
      if (bytes) {
        // Enqueueing into a byte stream transfers the buffer: copy, so the writer's own array is never detached.
        if (part.byteLength === 0) continue; // a byte stream refuses empty chunks
        (controller as ReadableByteStreamController).enqueue(part.slice());
      } else {
        (controller as ReadableStreamDefaultController<Uint8Array>).enqueue(part);
      }
      enqueued++;
    }
    // Nothing enqueued (an empty inner chunk into a byte stream): pull again, or the reader would wait forever.
    if (enqueued === 0) await pull(controller);
  };
  const cancel = (reason: unknown): Promise<void> => reader.cancel(reason);
  if (bytes) {
    return new ReadableStream({ type: 'bytes', pull, cancel }, { highWaterMark: 0 }) as ReadableStream<Uint8Array>;
  }
  return new ReadableStream<Uint8Array>({ pull, cancel }, { highWaterMark: 0 });
}

/** `chunk` cut at `cuts` (offsets, clamped, sorted); every piece a view of the chunk's bytes. */
export function cutAt(chunk: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => Math.max(0, Math.min(chunk.byteLength, cut))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    if (point <= start || point >= chunk.byteLength) continue;
    out.push(chunk.subarray(start, point));
    start = point;
  }
  out.push(chunk.subarray(start));
  return out;
}
