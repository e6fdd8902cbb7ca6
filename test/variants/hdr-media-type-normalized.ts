/** A conforming variant: media types sent normalized (lower-case type and subtype, parameters quoted, charset in upper case). */
import { vary } from './kit/vary.ts';
import { editHeaders } from '../broken/break.ts';
import { parseMediaType } from '../../conformance/oracles/http-fields.ts';

export const departs =
  'sends every Content-Type normalized: type and subtype in lower case, parameters as `;name="value"`, the charset value in upper case (`text/plain;charset="UTF-8"`, `application/json` for `Application/JSON`); RFC 9110 §8.3.1: type, subtype and parameter names are case-insensitive, a quoted value is the same as the token, and §8.3.2: charset values are case-insensitive';

function normalized(value: string): string {
  const media = parseMediaType(value);
  if (media === undefined) return value;
  const parameters = media.parameters.map(([name, v]) => `;${name}="${(name === 'charset' ? v.toUpperCase() : v).replace(/["\\]/g, '\\$&')}"`);
  return `${media.type}/${media.subtype}${parameters.join('')}`;
}

export default vary({
  name: 'hdr-media-type-normalized',
  ...editHeaders((headers) => {
    const contentType = headers.get('content-type');
    if (contentType !== null) headers.set('Content-Type', normalized(contentType));
  }),
});
