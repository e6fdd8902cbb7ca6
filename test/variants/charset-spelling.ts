/** The default media type is spelled `text/plain;charset=UTF-8` (no space, upper-case charset). */
import { callerSets, editHeaders } from '../broken/break.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'the default Content-Type is "text/plain;charset=UTF-8" instead of "text/plain; charset=utf-8"; RFC 9110 §8.3.1 (parameters: OWS ";" OWS, names case-insensitive) and §8.3.2 (charset values case-insensitive); HDR-001 asks for text/plain with charset=utf-8';

export default vary({
  name: 'charset-spelling',
  ...editHeaders((headers, _kind, options) => {
    const defaulted = options.contentType === undefined && !callerSets(options, 'content-type');
    if (defaulted && headers.get('content-type') === 'text/plain; charset=utf-8') headers.set('Content-Type', 'text/plain;charset=UTF-8');
  }),
});
