/**
 * Breaks HDR-004: defaults and the caller's headers are merged by exact name,
 * so `cache-control` from the caller is sent next to the default
 * `Cache-Control` (a client sees `no-store, no-cache`).
 */
import { breakReference, callerHeaderNames, editHeaders, type StreamKind } from '../break.ts';

export const breaks = 'HDR-004';

const SSE_DEFAULTS: Record<string, string> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
};

function defaultsOf(kind: StreamKind, options: Record<string, unknown>): Record<string, string> {
  const contentType = typeof options.contentType === 'string' ? options.contentType : undefined;
  const eventStream = kind === 'sse' || (kind === 'manual' && contentType?.split(';')[0]?.trim().toLowerCase() === 'text/event-stream');
  const defaults = eventStream ? { ...SSE_DEFAULTS } : { 'Content-Type': 'text/plain; charset=utf-8' };
  if (contentType !== undefined) defaults['Content-Type'] = contentType;
  return defaults;
}

export default breakReference({
  name: 'hdr-case-sensitive-override',
  breaks,
  ...editHeaders((headers, kind, options) => {
    const defaults = defaultsOf(kind, options);
    for (const name of callerHeaderNames(options)) {
      for (const [field, value] of Object.entries(defaults)) {
        if (field !== name && field.toLowerCase() === name.toLowerCase()) headers.append(field, value);
      }
    }
  }),
});
