/** Command: `stream.writeSSE(data, { event, id, retry })`. */
import type { SseOptions, WriteCall } from '../arbitraries/stream-calls.ts';
import { ValidWriteCommand } from './valid-write-command.ts';

export class WriteSseCommand extends ValidWriteCommand {
  readonly data: unknown;
  readonly options?: SseOptions;
  constructor(
    data: unknown,
    options?: SseOptions,
  ) {
    super();
    this.data = data;
    this.options = options;
  }
  protected call(): WriteCall {
    return { kind: 'writeSSE', data: this.data, ...(this.options === undefined ? {} : { options: this.options }) };
  }
}
