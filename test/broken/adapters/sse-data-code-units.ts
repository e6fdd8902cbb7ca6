/**
 * Breaks SSE-017: the `data:` lines are encoded by a hand-written UTF-8
 * encoder that walks UTF-16 code units (`charCodeAt`) instead of code points,
 * so a character outside the BMP becomes two 3-byte surrogate sequences
 * (CESU-8) and a lone surrogate is encoded as one, where UTF-8 has U+FFFD: a
 * client decoding the stream as UTF-8 reads U+FFFD for each of their bytes.
 * The field lines (`event`, `id`, `retry`) go through the platform's encoder.
 */
import { breakReference, withPatch } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';
import { mapSource } from '../sources.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'SSE-017';

const encoder = new SseEncoder();
const textEncoder = new TextEncoder();

/** UTF-8 of each UTF-16 code unit on its own (the defect): surrogates become ED A0..BF xx. */
function codeUnitBytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) out.push(unit);
    else if (unit < 0x800) out.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    else out.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
  }
  return out;
}

/** One event: its field lines as UTF-8, its data lines code unit by code unit, the blank line. */
function eventBytes(data: unknown, fields: SseFields): Uint8Array {
  const dataLines = encoder.lines(encoder.dataText(data)).map((line) => encoder.dataLine(line)).join('');
  return Uint8Array.from([...textEncoder.encode(encoder.fieldLines(fields)), ...codeUnitBytes(dataLines), 0x0a]);
}

export default breakReference({
  name: 'sse-data-code-units',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      writeSSE(data, options) {
        stream.write(eventBytes(data, encoder.fields('options', options)));
      },
    }),
  wrapContext: (ctx) => ({
    ...ctx,
    sseResponse(iterable, options) {
      const o = optionsRecord('options', options);
      const fields = encoder.fields('options', o);
      const events = mapSource<string | Uint8Array>('iterable', iterable, (value) => eventBytes(value, fields.event === undefined ? {} : { event: fields.event }), {
        opening: encoder.opening(fields) || undefined,
      });
      return ctx.streamResponse(events, {
        contentType: 'text/event-stream',
        headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no', ...optionsRecord('options.headers', o.headers) },
      });
    },
  }),
});
