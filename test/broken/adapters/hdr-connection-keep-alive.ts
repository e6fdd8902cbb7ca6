/** Breaks HDR-006: every streamed response sets the hop-by-hop `Connection: keep-alive` (forbidden in HTTP/2). */
import { breakReference, editHeaders } from '../break.ts';

export const breaks = 'HDR-006';

export default breakReference({
  name: 'hdr-connection-keep-alive',
  breaks,
  ...editHeaders((headers) => headers.set('Connection', 'keep-alive')),
});
