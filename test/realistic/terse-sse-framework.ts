/**
 * A realistic implementation with three defects and several habits the spec
 * allows — the kind of framework the suite meets in the field. Its habits
 * (allowed): fields written without the space after the colon (`event:x`,
 * `id:7`, `retry:2000`), `Cache-Control: no-cache, no-transform`. Its
 * defects (each one root cause):
 * 1. data lines too are written `data:<line>` (breaks SSE-006: a line's own
 *    leading space is lost);
 * 2. an empty `id` is dropped instead of sent (breaks SSE-011: the client
 *    keeps its old last event id);
 * 3. writes after close() are silently ignored (breaks CLOSE-003).
 * And one it does not know it has: a field written without the space loses
 * a value's own leading space (`event:` + "  x" reads as " x"), which
 * breaks SSE-010 (writeSSE's event) and SSE-019 (sseResponse's event).
 * Used to measure the suite's precision: about one failed id per root cause
 * (measured at --level should --runs 30 --seed 5: 24 failed ids before the
 * checks were isolated, 5 failed and 1 blocked after).
 */
import { breakReference, composeBreaks, editHeaders, sseVia, withPatch } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';

class TerseEncoder extends SseEncoder {
  override dataLine(line: string): string {
    return `data:${line}\n`;
  }

  override fieldLines(fields: SseFields): string {
    let text = '';
    if (fields.event !== undefined) text += `event:${fields.event}\n`;
    if (fields.id !== undefined && fields.id !== '') text += `id:${fields.id}\n`;
    if (fields.retry !== undefined) text += `retry:${fields.retry}\n`;
    return text;
  }
}

/** The defects this implementation has, by requirement. */
/** The requirements its defects truly break, by requirement: what the suite must fail, and nothing else. */
export const rootCauses = {
  'SSE-006': 'data lines without the space',
  'SSE-010': 'a field without the space loses its value\'s leading space (SSE-019 too)',
  'SSE-011': 'an empty id is dropped',
  'CLOSE-003': 'writes after close are ignored',
};

export default breakReference({
  name: 'terse-sse-framework',
  breaks: 'SSE-006',
  ...composeBreaks(
    sseVia(new TerseEncoder()),
    editHeaders((headers, kind) => {
      if (kind === 'sse' && headers.get('cache-control') === 'no-cache') headers.set('Cache-Control', 'no-cache, no-transform');
    }),
    {
      wrapStream: (stream) => {
        let closed = false;
        return withPatch(stream, {
          write: (data) => (closed ? undefined : stream.write(data)),
          writeChunk: (value, options) => (closed ? undefined : stream.writeChunk(value, options)),
          writeSSE: (data, options) => (closed ? undefined : stream.writeSSE(data, options)),
          close() {
            closed = true;
            stream.close();
          },
        });
      },
    },
  ),
});
