/**
 * The STREAM checks: they pass on the reference, and each fails on an app
 * that breaks its requirement (the reference wrapped to get one thing wrong).
 */
import { describe, expect, it } from 'vitest';
import { streamChecks } from '../../conformance/properties/stream.ts';
import { breakReference } from '../broken/break.ts';
import { delegateStream, isOpen } from '../broken/stream-like.ts';
import { expectBlocked, expectFail, expectPass, expectUnimplemented, pick, reference, resolved } from './stream-area-harness.ts';

describe('STREAM checks on the reference', () => {
  for (const check of streamChecks) {
    it(`[${check.requirement}] ${check.title}`, async () => {
      await expectPass(check, await reference(), 100);
    });
  }
});

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('STREAM checks on broken apps', () => {
  it('[STREAM-001] fails when write normalizes CR to LF', async () => {
    const broken = breakReference({
      name: 'write-normalizes-cr',
      breaks: 'STREAM-001',
      wrapStream: (stream, inner) => ({ ...stream, write: (data) => inner.write(typeof data === 'string' ? data.replace(/\r\n?/g, '\n') : (data as Uint8Array)) }),
    });
    await expectFail(pick(streamChecks, 'STREAM-001'), await resolved(broken), /the body should be/);
  });

  it('[STREAM-002] fails when write decodes bytes as UTF-8 text', async () => {
    const broken = breakReference({
      name: 'write-bytes-as-text',
      breaks: 'STREAM-002',
      wrapStream: (stream, inner) => ({ ...stream, write: (data) => inner.write(typeof data === 'string' ? data : new TextDecoder().decode(data as Uint8Array)) }),
    });
    await expectFail(pick(streamChecks, 'STREAM-002'), await resolved(broken), /the body should be/);
  });

  it('[STREAM-003] fails when stream.response is a snapshot of what was written so far', async () => {
    const broken = breakReference({
      name: 'response-snapshot',
      breaks: 'STREAM-003',
      wrapStream: (_stream, inner) => {
        const written: Uint8Array[] = [];
        return delegateStream(inner, {
          write(data) {
            inner.write(data as Uint8Array);
            written.push(typeof data === 'string' ? utf8(data) : (data as Uint8Array));
          },
          get response() {
            return new Response(new Blob(written.map((chunk) => Uint8Array.from(chunk))).stream());
          },
        });
      },
    });
    await expectFail(pick(streamChecks, 'STREAM-003'), await resolved(broken), /the body should be/);
  });

  it('[STREAM-004] fails when writeSSE events are held back until close()', async () => {
    const broken = breakReference({
      name: 'sse-held-until-close',
      breaks: 'STREAM-004',
      wrapStream: (_stream, inner) => {
        const held: [unknown, unknown][] = [];
        return delegateStream(inner, {
          writeSSE: (data, options) => void held.push([data, options]),
          close() {
            if (isOpen(inner)) for (const [data, options] of held) inner.writeSSE(data, options as undefined);
            inner.close();
          },
        });
      },
    });
    await expectFail(pick(streamChecks, 'STREAM-004'), await resolved(broken), /should (send|make a client dispatch)|bytes no call wrote|ended before/);
  });

  it('[STREAM-005] fails when an empty write ends the stream', async () => {
    const broken = breakReference({
      name: 'empty-write-ends',
      breaks: 'STREAM-005',
      wrapStream: (_stream, inner) => delegateStream(inner, { write: (data) => ((data as string).length === 0 ? inner.close() : inner.write(data as string)) }),
    });
    await expectFail(pick(streamChecks, 'STREAM-005'), await resolved(broken), /threw|should be/);
  });

  it('[STREAM-005] passes when an empty write reaches the in-process body as a zero-length chunk (no bytes; the last-chunk rule is a wire matter)', async () => {
    const emptyChunk = breakReference({
      name: 'empty-write-empty-chunk',
      breaks: 'STREAM-005',
      wrapStream: (_stream, inner) => {
        const transform = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            if (chunk.byteLength === 1 && chunk[0] === 0xff) controller.enqueue(new Uint8Array(0));
            else controller.enqueue(chunk);
          },
        });
        const response = new Response(inner.response.body!.pipeThrough(transform));
        return delegateStream(inner, {
          write: (data) => inner.write((data as string).length === 0 ? new Uint8Array([0xff]) : (data as string)),
          get response() {
            return response;
          },
        });
      },
    });
    await expectPass(pick(streamChecks, 'STREAM-005'), await resolved(emptyChunk));
  });

  it('[STREAM-006] fails when write stringifies values', async () => {
    const broken = breakReference({
      name: 'write-stringifies',
      breaks: 'STREAM-006',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, { write: (data) => inner.write(typeof data === 'string' || data instanceof Uint8Array ? data : String(data)) }),
    });
    await expectFail(pick(streamChecks, 'STREAM-006'), await resolved(broken), /did not throw/);
  });

  it('[STREAM-007] fails when createStream falls back to defaults on invalid options', async () => {
    const broken = breakReference({
      name: 'invalid-options-ignored',
      breaks: 'STREAM-007',
      wrapContext: (ctx) => ({
        ...ctx,
        createStream: async (options) => {
          try {
            return await ctx.createStream(options);
          } catch {
            return ctx.createStream();
          }
        },
      }),
    });
    await expectFail(pick(streamChecks, 'STREAM-007'), await resolved(broken), /must throw \(or reject with\) a TypeError/);
  });

  it('[STREAM-008] fails when close() drops what the coalescing buffer holds', async () => {
    const broken = breakReference({
      name: 'coalesced-tail-lost',
      breaks: 'STREAM-008',
      wrapStream: (stream, inner, options) => {
        const interval = (options as { flushInterval?: number } | undefined)?.flushInterval;
        if (interval === undefined) return stream;
        let pending: (string | Uint8Array)[] = [];
        let timer: NodeJS.Timeout | undefined;
        const flush = () => {
          timer = undefined;
          if (isOpen(inner)) for (const item of pending) inner.write(item);
          pending = [];
        };
        return delegateStream(inner, {
          write(data) {
            pending.push(data as string);
            timer ??= setTimeout(flush, interval);
          },
          close() {
            clearTimeout(timer);
            inner.close();
          },
        });
      },
    });
    await expectFail(pick(streamChecks, 'STREAM-008'), await resolved(broken), /the body should be/);
  });

  it('[STREAM-009] fails when ready is always resolved; without ready it is unimplemented', async () => {
    const alwaysReady = breakReference({
      name: 'ready-always-resolved',
      breaks: 'STREAM-009',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, {
          get ready() {
            return Promise.resolve();
          },
        }),
    });
    await expectFail(pick(streamChecks, 'STREAM-009'), await resolved(alwaysReady), /must wait while the queue is at or above bufferSize/);
    const missing = breakReference({ name: 'no-ready', breaks: 'STREAM-009', wrapStream: (_stream, inner) => delegateStream(inner, {}, ['ready']) });
    await expectUnimplemented(pick(streamChecks, 'STREAM-009'), await resolved(missing), 'ready');
  });

  it('[STREAM-010] both model checks are blocked by CLOSE-003 (not failed) when writes on an ended stream are silently ignored', async () => {
    const broken = breakReference({
      name: 'ended-writes-ignored',
      breaks: 'STREAM-010',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, {
          write: (data) => void (isOpen(inner) && inner.write(data as string)),
          writeChunk: (value, options) => void (isOpen(inner) && inner.writeChunk(value, options as undefined)),
          writeSSE: (data, options) => void (isOpen(inner) && inner.writeSSE(data, options as undefined)),
        }),
    });
    const adapter = await resolved(broken);
    await expectBlocked(pick(streamChecks, 'STREAM-010', 'any sequence'), adapter, 'CLOSE-003');
    await expectBlocked(pick(streamChecks, 'STREAM-010', 'fc.scheduler'), adapter, 'CLOSE-003');
  });

  it('[STREAM-010] the model judges what a client decodes: unpadded base64 passes (CHUNK-006 judges it), a chunk that decodes wrong fails', async () => {
    const base64Chunks = (encode: (raw: Uint8Array) => string) =>
      breakReference({
        name: 'base64-edited',
        breaks: 'STREAM-010',
        wrapStream: (_stream, inner) =>
          delegateStream(inner, {
            writeChunk(value, options) {
              if ((options as { encoding?: string } | undefined)?.encoding !== 'base64') return inner.writeChunk(value, options as undefined);
              if (!isOpen(inner)) return inner.writeChunk(value, options as undefined);
              const raw = typeof value === 'string' ? utf8(value) : value instanceof Uint8Array ? value : utf8(JSON.stringify(value));
              inner.write(`${encode(raw)}\n`);
            },
          }),
      });
    const model = pick(streamChecks, 'STREAM-010', 'any sequence');
    await expectPass(model, await resolved(base64Chunks((raw) => Buffer.from(raw).toString('base64').replace(/=+$/, ''))));
    // Well-formed base64, of one byte more than the chunk.
    await expectFail(model, await resolved(base64Chunks((raw) => Buffer.from([...raw, 0]).toString('base64'))), /writeChunk\(.*should send one base64 line.*decodes to/);
  });

  it('[STREAM-010] the scheduled model fails when bytes written while a read is pending are lost', async () => {
    const broken = breakReference({
      name: 'write-during-pending-read-lost',
      breaks: 'STREAM-010',
      wrapStream: (_stream, inner) => {
        let pulling = false;
        let pendingReader: ReadableStreamDefaultReader<Uint8Array> | undefined;
        const body = new ReadableStream<Uint8Array>(
          {
            async pull(controller) {
              pulling = true;
              const reader = source.getReader();
              pendingReader = reader;
              try {
                const result = await reader.read();
                if (result.done) controller.close();
                else controller.enqueue(result.value);
              } catch (error) {
                controller.error(error);
              } finally {
                reader.releaseLock();
                pendingReader = undefined;
                pulling = false;
              }
            },
            // Only the lost write is the flaw: a cancel during a pending read still reaches the stream.
            cancel: (reason) => (pendingReader ? pendingReader.cancel(reason) : source.cancel(reason)),
          },
          { highWaterMark: 0 },
        );
        const source = inner.response.body!;
        const response = new Response(body);
        return delegateStream(inner, {
          write: (data) => (pulling && isOpen(inner) ? undefined : inner.write(data as string)),
          get response() {
            return response;
          },
        });
      },
    });
    const failure = await expectFail(pick(streamChecks, 'STREAM-010', 'fc.scheduler'), await resolved(broken), /the body ended before the bytes of write\(|write\(.*\) should send/);
    // The shrunk counterexample shows the interleaving: the client's read was scheduled before the write.
    expect(failure.counterexample?.input).toMatch(/client reads/);
  });
});
