/** Command: `stream.close()` — ends an open stream; on an ended one it must do nothing (CLOSE-002, CLOSE-008). */
import { describeError } from '../adapter/load.ts';
import { Mismatch } from '../runner/property.ts';
import { describeHistory, describeState, type StreamCommand, type StreamModel, type StreamReal } from './model.ts';

export class CloseCommand implements StreamCommand {
  check(): boolean {
    return true;
  }
  async run(model: StreamModel, real: StreamReal): Promise<void> {
    try {
      real.stream.close();
    } catch (error) {
      throw new Mismatch(`close() on ${describeState(model.state)} threw ${describeError(error)} (${describeHistory(model)}); close must not throw`);
    }
    if (model.state === 'open') model.state = 'closed';
    model.history.push(this.toString());
  }
  toString(): string {
    return 'close()';
  }
}
