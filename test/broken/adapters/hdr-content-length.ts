/** Breaks HDR-005: streamed responses carry `Content-Length: 0` (a guess made before the length is known). */
import { breakReference, editHeaders } from '../break.ts';

export const breaks = 'HDR-005';

export default breakReference({
  name: 'hdr-content-length',
  breaks,
  ...editHeaders((headers) => headers.set('Content-Length', '0')),
});
