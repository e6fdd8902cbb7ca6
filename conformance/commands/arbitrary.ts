/** The command sequences of the model-based checks (`fc.commands`), writes weighted up. */
import fc from 'fast-check';
import { invalidWriteCall, writeChunkCall, writeData, writeSseCall } from '../arbitraries/stream-calls.ts';
import { ClientAbortCommand } from './client-abort.ts';
import { ClientCancelCommand } from './client-cancel.ts';
import { CloseCommand } from './close.ts';
import type { StreamCommand } from './model.ts';
import { InvalidWriteCommand } from './write-invalid.ts';
import { WriteChunkCommand } from './write-chunk.ts';
import { WriteSseCommand } from './write-sse.ts';
import { WriteCommand } from './write.ts';

export interface StreamCommandsOptions {
  /** Include writes with invalid arguments (they must throw a TypeError). Default false. */
  invalidWrites?: boolean;
  maxCommands?: number;
  /** The kind of stream the commands are for (default `plain`): on an event stream, writes are mostly `writeSSE`. */
  kind?: ManualStreamKind;
}

/**
 * The two kinds of manual streams the model drives: a plain one
 * (`createStream()`) and an event stream (`createStream({ contentType:
 * 'text/event-stream' })`), whose close and abort logic implementations
 * often keep apart from the plain stream's.
 */
export type ManualStreamKind = 'plain' | 'event-stream';

export function manualStreamKind(): fc.Arbitrary<ManualStreamKind> {
  return fc.constantFrom<ManualStreamKind>('plain', 'event-stream');
}

/** Sequences of write / writeChunk / writeSSE / close / request abort / body cancel. */
export function streamCommands(options: StreamCommandsOptions = {}): fc.Arbitrary<Iterable<StreamCommand>> {
  const events = options.kind === 'event-stream';
  const write = writeData().map((data): StreamCommand => new WriteCommand(data));
  const writeChunk = writeChunkCall().map((call): StreamCommand => (call.kind === 'writeChunk' ? new WriteChunkCommand(call.value, call.encoding) : new CloseCommand()));
  const writeSse = writeSseCall().map((call): StreamCommand => (call.kind === 'writeSSE' ? new WriteSseCommand(call.data, call.options) : new CloseCommand()));
  const command = fc.oneof(
    { weight: events ? 1 : 5, arbitrary: write },
    { weight: events ? 1 : 4, arbitrary: writeChunk },
    { weight: events ? 10 : 4, arbitrary: writeSse },
    { weight: options.invalidWrites ? 3 : 0, arbitrary: invalidWriteCall().map((call): StreamCommand => new InvalidWriteCommand(call)) },
    { weight: 1, arbitrary: fc.constant<StreamCommand>(new CloseCommand()) },
    { weight: 1, arbitrary: fc.constant<StreamCommand>(new ClientAbortCommand()) },
    { weight: 1, arbitrary: fc.constant<StreamCommand>(new ClientCancelCommand()) },
  );
  return fc.commands([command], { maxCommands: options.maxCommands ?? 14 });
}

/** How the client reads while the commands run: at once (`eager`) or only at the end (`lazy`). */
export type ClientPace = 'eager' | 'lazy';

export function clientPace(): fc.Arbitrary<ClientPace> {
  return fc.constantFrom<ClientPace>('eager', 'lazy');
}
