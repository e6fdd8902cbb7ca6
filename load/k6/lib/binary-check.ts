/**
 * The `/binary` and `/slow` body check at a price k6 can pay. k6 runs scripts
 * in an interpreter (~2 µs a byte in a JavaScript loop: 31 s for a 16 MiB
 * body that arrives in 0.1 s), so the body is not compared byte by byte in
 * JavaScript: its digest is compared with the digest of the bytes it must be,
 * both computed by a native hash (k6's `k6/crypto` in k6, `node:crypto` in
 * the project's tests). That is still a check of every byte, in order: a
 * single changed, missing, extra or moved byte changes the digest.
 *
 * The expected bytes are never built as a whole: block `i` of
 * {@link binaryByte} is the window `(31·i + j) mod 256`, `j` = 0…size−1, of
 * the sequence 0, 1, …, 255, 0, 1, … — so one `size + 256` buffer of that
 * sequence holds every block, and blocks repeat every 256 (31 is odd). The
 * expected digest of a whole body is kept per `count × size` (once per VU);
 * a cut body (an abandoned stream) hashes only the prefix it got. When the
 * digests differ, per-block digests find the first wrong block and only that
 * block is compared byte by byte, to say which byte is wrong.
 *
 * No k6 and no Node imports: the hash comes in as {@link NewHasher}.
 */
import type { RouteParams } from './routes.ts';
import type { VerifyResult } from './verify.ts';

/** An incremental digest (SHA-256 in both k6 and the tests): feed bytes, get a string. */
export interface Hasher {
  update(bytes: ArrayBuffer): void;
  digest(): string;
}
export type NewHasher = () => Hasher;

/** Blocks repeat with this period: (31·(i + 256)) mod 256 = (31·i) mod 256. */
const BLOCK_PERIOD = 256;
/** A whole 256-block cycle is hashed in one call when it is at most this big. */
const CYCLE_LIMIT = 1 << 20;
/** Full-body digests kept per checker (one per distinct count × size). */
const MAX_CACHED_DIGESTS = 16;

/** Where block `block` (1-based) starts in the 0…255 sequence: its first byte, {@link binaryByte}(block, 0). */
export function blockStart(block: number): number {
  return (block * 31) & 0xff;
}

export class BinaryBodyChecker {
  private readonly digests = new Map<string, string>();
  private pattern?: { size: number; bytes: Uint8Array<ArrayBuffer>; cycle?: ArrayBuffer };

  private readonly newHasher: NewHasher;
  constructor(newHasher: NewHasher) {
    this.newHasher = newHasher;
  }

  /** `count` blocks of `size` bytes with the pattern of {@link binaryByte}; with `allowPrefix`, any prefix of them. */
  check(body: ArrayBuffer, params: Pick<RouteParams, 'count' | 'size'>, options: { allowPrefix?: boolean } = {}): VerifyResult {
    const { count, size } = params;
    const length = body.byteLength;
    const expectedLength = count * size;
    const blocks = size === 0 ? 0 : Math.floor(length / size);
    if (length > expectedLength || (!options.allowPrefix && length !== expectedLength)) {
      return { ok: false, units: blocks, problem: `${length} bytes, expected ${expectedLength} (${count} × ${size})` };
    }
    if (length === 0) return { ok: true, units: 0 };
    const received = this.digestOf(body);
    const expected = length === expectedLength ? this.wholeDigest(count, size) : this.prefixDigest(length, size);
    if (received === expected) return { ok: true, units: blocks };
    return this.firstDifference(body, size);
  }

  private digestOf(bytes: ArrayBuffer): string {
    const hasher = this.newHasher();
    hasher.update(bytes);
    return hasher.digest();
  }

  private wholeDigest(count: number, size: number): string {
    const key = `${count}x${size}`;
    let digest = this.digests.get(key);
    if (digest === undefined) {
      digest = this.prefixDigest(count * size, size);
      if (this.digests.size >= MAX_CACHED_DIGESTS) this.digests.clear();
      this.digests.set(key, digest);
    }
    return digest;
  }

  /** The sequence 0, 1, …, 255, 0, … of `size + 256` bytes (and, when small, blocks 1…256 laid end to end). */
  private patternFor(size: number): { bytes: Uint8Array<ArrayBuffer>; cycle?: ArrayBuffer } {
    if (this.pattern?.size === size) return this.pattern;
    const bytes = new Uint8Array(size + BLOCK_PERIOD);
    for (let k = 0; k < BLOCK_PERIOD; k += 1) bytes[k] = k;
    for (let filled = BLOCK_PERIOD; filled < bytes.length; filled *= 2) {
      bytes.copyWithin(filled, 0, Math.min(filled, bytes.length - filled)); // filled is a multiple of 256: the sequence carries on
    }
    const pattern: { size: number; bytes: Uint8Array<ArrayBuffer>; cycle?: ArrayBuffer } = { size, bytes };
    if (size > 0 && size * BLOCK_PERIOD <= CYCLE_LIMIT) {
      const cycle = new Uint8Array(size * BLOCK_PERIOD);
      for (let block = 1; block <= BLOCK_PERIOD; block += 1) {
        const start = blockStart(block);
        cycle.set(bytes.subarray(start, start + size), (block - 1) * size);
      }
      pattern.cycle = cycle.buffer;
    }
    this.pattern = pattern;
    return pattern;
  }

  /** The digest of the first `length` bytes the route must send with blocks of `size` bytes. */
  private prefixDigest(length: number, size: number): string {
    const pattern = this.patternFor(size);
    const hasher = this.newHasher();
    if (pattern.cycle) {
      let remaining = length;
      for (; remaining >= pattern.cycle.byteLength; remaining -= pattern.cycle.byteLength) hasher.update(pattern.cycle);
      if (remaining > 0) hasher.update(pattern.cycle.slice(0, remaining));
    } else {
      for (let block = 1, offset = 0; offset < length; block += 1, offset += size) {
        const start = blockStart(block);
        hasher.update(pattern.bytes.buffer.slice(start, start + Math.min(size, length - offset)));
      }
    }
    return hasher.digest();
  }

  /** The digests differ: find the first wrong block by its digest, then the wrong byte in it. */
  private firstDifference(body: ArrayBuffer, size: number): VerifyResult {
    const pattern = this.patternFor(size);
    const received = new Uint8Array(body);
    for (let block = 1, offset = 0; offset < body.byteLength; block += 1, offset += size) {
      const end = Math.min(offset + size, body.byteLength);
      const start = blockStart(block);
      const expected = pattern.bytes.buffer.slice(start, start + (end - offset));
      if (this.digestOf(body.slice(offset, end)) === this.digestOf(expected)) continue;
      const want = new Uint8Array(expected);
      for (let j = 0; j < want.length; j += 1) {
        if (received[offset + j] !== want[j]) {
          return { ok: false, units: block - 1, problem: `byte ${offset + j} (block ${block}) is ${received[offset + j]}, expected ${want[j]}` };
        }
      }
    }
    // Unreachable unless the hash is not a function of its input.
    return { ok: false, units: 0, problem: 'the body digest differs from the expected one, but no block does' };
  }
}
