import type { ServerSentEvent } from '@faxbot/plugin-sdk';

/**
 * Incremental `text/event-stream` parser, following the WHATWG HTML "event stream
 * interpretation": lines end in CRLF, LF or CR (even split across chunks); `:` starts a comment;
 * `data` lines are joined with `\n`; `event` names the event (`message` by default); `id` (unless
 * it contains NUL) sets the last event id, which persists; `retry` (digits only) sets the
 * reconnection delay; a blank line dispatches; a block with no `data` only updates the id.
 *
 * @example
 * const parser = new SseParser((event) => seen.push(event));
 * parser.push('id: 7\nevent: status\ndata: a\ndata: b\n\n'); // { event: 'status', data: 'a\nb', id: '7' }
 */
export class SseParser {
  /** The last event id received ('' when none); `Last-Event-ID` on reconnect. */
  lastEventId: string;
  /** The server's `retry:` in ms, or null when it sent none. */
  retryMs: number | null = null;
  private buffer = '';
  private pendingCarriageReturn = false;
  private startOfStream = true;
  private eventType = '';
  private data: string[] = [];
  private idBuffer: string;

  constructor(
    private readonly onEvent: (event: ServerSentEvent) => void,
    lastEventId = '',
  ) {
    this.lastEventId = lastEventId;
    this.idBuffer = lastEventId;
  }

  /** Feeds decoded text; dispatches every event it completes. */
  push(chunk: string): void {
    let text = chunk;
    if (this.startOfStream && text.length > 0) {
      this.startOfStream = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR ending the previous chunk already ended its line; a LF starting this one belongs to it.
    if (this.pendingCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.pendingCarriageReturn = false;
    this.buffer += text;
    let start = 0;
    for (let index = 0; index < this.buffer.length; index += 1) {
      const char = this.buffer[index];
      if (char !== '\n' && char !== '\r') continue;
      this.processLine(this.buffer.slice(start, index));
      if (char === '\r') {
        if (index + 1 === this.buffer.length) this.pendingCarriageReturn = true;
        else if (this.buffer[index + 1] === '\n') index += 1;
      }
      start = index + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** Forgets a half-received event, as a dropped connection requires; the last event id stays. */
  reset(): void {
    this.buffer = '';
    this.pendingCarriageReturn = false;
    this.startOfStream = true;
    this.eventType = '';
    this.data = [];
    this.idBuffer = this.lastEventId;
  }

  private processLine(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    this.lastEventId = this.idBuffer;
    const hasData = this.data.length > 0;
    const event: ServerSentEvent = { event: this.eventType === '' ? 'message' : this.eventType, data: this.data.join('\n'), id: this.lastEventId };
    this.eventType = '';
    this.data = [];
    if (hasData) this.onEvent(event);
  }
}
