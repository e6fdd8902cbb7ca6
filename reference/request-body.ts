/**
 * `ctx.body`: the request body parsed by its media type, before the handler
 * runs. JSON (`application/json`, `*+json`) → the value; `text/*` → a string;
 * any other non-empty body → `Uint8Array`; no body → `undefined`.
 */

/** The body could not be parsed as its media type says (answered with 400). */
export class MalformedBodyError extends Error {
  override name = 'MalformedBodyError';
  readonly code = 'MALFORMED_BODY';
}

/** Reads and parses the body of `request`. @throws {@link MalformedBodyError} for malformed JSON. */
export async function parseRequestBody(request: Request): Promise<unknown> {
  if (request.body === null) return undefined;
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength === 0) return undefined;
  const mediaType = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    const text = new TextDecoder().decode(bytes);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new MalformedBodyError(`request body is not valid JSON (content-type ${mediaType}): ${(error as Error).message}`);
    }
  }
  if (mediaType.startsWith('text/')) return new TextDecoder().decode(bytes);
  return bytes;
}
