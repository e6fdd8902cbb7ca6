/**
 * Command: the client goes away — it cancels the response body (CLOSE-004,
 * CLOSE-005). Before the response head arrived there is no body to cancel: a
 * client that leaves then aborts its request, and so does this command.
 */
import { within } from '../drive/exchange.ts';
import { macrotaskTurns } from '../drive/settle.ts';
import { Mismatch } from '../runner/property.ts';
import { describeHistory, type StreamCommand, type StreamModel, type StreamReal } from './model.ts';

/** How long `body.cancel()` may take to settle. */
const CANCEL_MS = 1000;

export class ClientCancelCommand implements StreamCommand {
  check(): boolean {
    return true;
  }
  async run(model: StreamModel, real: StreamReal): Promise<void> {
    // A rejected cancel is the client's business; a cancel that never settles is a hang.
    const cancelled = real.client.cancel().then(
      (outcome) => outcome,
      () => 'cancelled' as const,
    );
    const outcome = await within(cancelled, CANCEL_MS, 'body.cancel()').catch(() => {
      throw new Mismatch(`body.cancel() did not settle within ${CANCEL_MS} ms (${describeHistory(model)})`);
    });
    if (outcome === 'no-head') real.abortRequest();
    await macrotaskTurns(2);
    if (model.state === 'open') model.state = 'gone';
    model.clientGone = true;
    model.history.push(outcome === 'no-head' ? 'the client leaves before the response head (request.signal aborts)' : this.toString());
  }
  toString(): string {
    return 'body.cancel()';
  }
}
