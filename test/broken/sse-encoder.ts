/**
 * A faithful Server-Sent Events encoder (WHATWG HTML §9.2.5/§9.2.6, spec §2),
 * written as small overridable methods: a broken adapter subclasses it and
 * gets exactly one thing wrong.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { optionsRecord } from './stream-like.ts';

/** The per-event fields (`writeSSE` options; `sseResponse` options minus `headers`). */
export interface SseFields {
  id?: string;
  event?: string;
  retry?: number;
}

export class SseEncoder {
  /** Validates `id`, `event`, `retry` of an options object; TypeError before anything is written. */
  fields(field: string, options: unknown): SseFields {
    const o = optionsRecord(field, options);
    const fields: SseFields = {};
    if (o.event !== undefined) fields.event = this.checkEvent(`${field}.event`, o.event);
    if (o.id !== undefined) fields.id = this.checkId(`${field}.id`, o.id);
    if (o.retry !== undefined) fields.retry = this.checkRetry(`${field}.retry`, o.retry);
    return fields;
  }

  checkEvent(field: string, event: unknown): string {
    if (typeof event !== 'string') throw new TypeError(`${field} must be a string`);
    if (/[\r\n]/.test(event)) throw new TypeError(`${field} must not contain CR or LF; got ${JSON.stringify(event)}`);
    return event;
  }

  checkId(field: string, id: unknown): string {
    if (typeof id !== 'string') throw new TypeError(`${field} must be a string`);
    if (/[\r\n]/.test(id)) throw new TypeError(`${field} must not contain CR or LF; got ${JSON.stringify(id)}`);
    if (id.includes('\0')) throw new TypeError(`${field} must not contain NUL; got ${JSON.stringify(id)}`);
    return id;
  }

  checkRetry(field: string, retry: unknown): number {
    if (!(Number.isSafeInteger(retry) && (retry as number) >= 0)) {
      throw new TypeError(`${field} must be a non-negative integer; got ${String(retry)}`);
    }
    return retry as number;
  }

  /** The text of the data: a string as is, anything else as JSON (TypeError when JSON cannot carry it). */
  dataText(data: unknown): string {
    if (typeof data === 'string') return data;
    const text = JSON.stringify(data) as string | undefined;
    if (text === undefined) throw new TypeError(`data: JSON.stringify cannot carry a ${typeof data}`);
    return text;
  }

  /** The lines of the data text: split on CRLF, CR and LF. */
  lines(text: string): string[] {
    return text.split(/\r\n|\r|\n/);
  }

  dataLine(line: string): string {
    return `data: ${line}\n`;
  }

  fieldLines(fields: SseFields): string {
    let text = '';
    if (fields.event !== undefined) text += `event: ${fields.event}\n`;
    if (fields.id !== undefined) text += `id: ${fields.id}\n`;
    if (fields.retry !== undefined) text += `retry: ${fields.retry}\n`;
    return text;
  }

  /** One whole event (fields, data lines, the blank line that dispatches it); '' sends nothing. */
  event(data: unknown, fields: SseFields): string {
    const dataLines = this.lines(this.dataText(data)).map((line) => this.dataLine(line)).join('');
    return `${this.fieldLines(fields)}${dataLines}\n`;
  }

  /** `sseResponse`: what goes before the first event (`retry` and `id` once); '' for nothing. */
  opening(fields: SseFields): string {
    const { id, retry } = fields;
    return id === undefined && retry === undefined ? '' : `${this.fieldLines({ id, retry })}\n`;
  }

  /** `sseResponse`: the text of the `index`-th yielded value. */
  frame(value: unknown, index: number, fields: SseFields): string {
    return this.event(value, fields.event === undefined ? {} : { event: fields.event });
  }

  /** `sseResponse`: what goes after the last of `count` events (after a normal end only); '' for nothing. */
  ending(fields: SseFields, count: number): string {
    return '';
  }
}
