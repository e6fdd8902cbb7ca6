/** Command: the client goes away — the request's `signal` aborts (CLOSE-004, CLOSE-006). */
import { macrotaskTurns } from '../drive/settle.ts';
import type { StreamCommand, StreamModel, StreamReal } from './model.ts';

export class ClientAbortCommand implements StreamCommand {
  check(): boolean {
    return true;
  }
  async run(model: StreamModel, real: StreamReal): Promise<void> {
    real.abortRequest();
    // The implementation may learn of it through an event or a promise: give it two macrotask turns.
    await macrotaskTurns(2);
    if (model.state === 'open') model.state = 'gone';
    model.clientGone = true;
    model.history.push(this.toString());
  }
  toString(): string {
    return 'request.signal aborts';
  }
}
