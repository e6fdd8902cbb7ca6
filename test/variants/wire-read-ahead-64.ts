/**
 * Conforming over a socket: every generator is read up to 64 values ahead
 * of the body (a bounded read-ahead, as an implementation that smooths a
 * slow generator does).
 */
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { breakReference, wrapSources } from '../broken/break.ts';
import { readAhead } from '../wire/read-ahead.ts';

export const departs =
  'generators are pulled up to 64 values ahead of the body: over a socket GEN-004 bounds how far ahead of the client a generator is pulled by what the socket buffers take plus room for the implementation\'s own buffers (some megabytes); 64 values of a kilobyte are well inside it';

/** Built with the broken-adapter blocks; `breaks` there only names the requirement the difference is about. */
export default defineAdapter({ ...breakReference({ name: 'wire-read-ahead-64', breaks: 'GEN-004', ...wrapSources((source) => readAhead(source, 64)) }), name: 'variant/wire-read-ahead-64' });
