/** Chunk encodings (`writeChunk`, `chunkedResponse`): RFC 4648 §4/§8, spec §2. */
import { requirement } from './define.ts';

export const chunkRequirements = [
  requirement('CHUNK-001', 'MUST', {
    title: 'string chunk is its UTF-8 bytes',
    rule: 'With `utf-8` encoding (the default), a string chunk MUST be sent as its UTF-8 bytes, nothing added.',
    rationale: 'Text streamed in pieces must concatenate to the text; an added separator changes the content.',
    source: 'guide "Chunked Transfer Encoding"; spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-002', 'MUST', {
    title: 'byte chunk is sent as is',
    rule: 'With `utf-8` encoding, a `Uint8Array` chunk MUST be sent byte for byte.',
    rationale: 'Binary data must not be re-encoded or stringified ("1,2,3").',
    source: 'spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-003', 'MUST', {
    title: 'JSON chunk is one NDJSON line',
    rule: 'With `utf-8` encoding, any other value MUST be sent as `JSON.stringify(value)` followed by `\\n`.',
    rationale: 'The guide\'s manual-chunks example writes objects; newline-delimited JSON lets a client parse them one by one.',
    source: 'guide "Manual Chunked Streaming"; spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-004', 'MUST', {
    title: 'unserializable chunk is a TypeError',
    rule: 'A chunk `JSON.stringify` cannot carry (undefined, a function, a symbol, a BigInt) MUST make `writeChunk` throw a TypeError and write nothing.',
    rationale: 'Sending "undefined" or nothing hides a handler bug from the one person who could fix it.',
    source: 'spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-005', 'MUST', {
    title: 'base64 uses the standard alphabet',
    rule: 'With `base64` encoding, each chunk\'s bytes MUST be encoded with the RFC 4648 §4 alphabet (`+` and `/`, not the URL-safe `-` and `_`), followed by `\\n`.',
    rationale: 'A client decoding standard base64 rejects or misreads base64url.',
    source: 'RFC 4648 §4 (vs §5); spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-006', 'MUST', {
    title: 'base64 is padded',
    rule: 'With `base64` encoding, each encoded chunk MUST carry its `=` padding (length a multiple of 4).',
    rationale: 'RFC 4648 §3.2 requires padding unless a spec says otherwise; many decoders reject unpadded input.',
    source: 'RFC 4648 §3.2, §4; spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-007', 'MUST', {
    title: 'hex is lowercase base16',
    rule: 'With `hex` encoding, each chunk\'s bytes MUST be encoded as lowercase RFC 4648 §8 base16 (two digits a byte), followed by `\\n`.',
    rationale: 'One canonical form lets clients compare and decode without guessing case.',
    source: 'RFC 4648 §8; spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-008', 'MUST', {
    title: 'every chunk recoverable from the body',
    rule: 'With `base64` or `hex`, a client MUST recover every chunk, in order and including empty ones, from the body alone by splitting on `\\n` and decoding each line.',
    rationale: 'The encodings exist so binary chunks survive text-only channels; recoverability is the point.',
    source: 'spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-009', 'MUST', {
    title: 'unknown encoding is a TypeError at the call',
    rule: 'An encoding other than `utf-8`, `base64` or `hex` MUST throw a TypeError from `chunkedResponse` or `writeChunk` itself, before anything is sent.',
    rationale: 'Failing at the call points at the typo; failing later (or sending utf-8 silently) does not.',
    source: 'spec §2.8 (chunk encodings); guide ChunkOptions',
  }),
  requirement('CHUNK-010', 'MUST', {
    title: 'chunkedResponse sends chunks in order',
    rule: '`chunkedResponse(chunks, options)` MUST accept an array, an iterable or an async iterable and send each chunk, encoded, in order.',
    rationale: 'The guide passes an array; generators are the natural source for long responses.',
    source: 'guide "Array-Based Chunking"; spec §2.8 (chunk encodings)',
  }),
  requirement('CHUNK-011', 'MUST', {
    title: 'no HTTP chunk framing in the body',
    rule: 'The body MUST hold only the encoded chunks: no `<size>\\r\\n…\\r\\n` framing and no `0\\r\\n\\r\\n` terminator.',
    rationale: 'The transfer coding is the transport\'s job (RFC 9112 §7.1); framing in the body is framed twice and corrupts every chunk.',
    source: 'RFC 9112 §7.1; spec §2.8 (chunk encodings)',
  }),
] as const;
