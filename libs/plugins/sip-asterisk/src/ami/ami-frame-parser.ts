import { StringDecoder } from 'node:string_decoder';
import { AmiError } from './ami-errors';
import type { AmiMessage } from './ami-message';

/** What the parser produced from the stream: the greeting line, or one message. */
export type AmiFrame = { kind: 'banner'; text: string } | { kind: 'message'; message: AmiMessage };

/** Asterisk never sends a block this long; a stream that does is not AMI (or is an attack). */
const MAX_PENDING_CHARS = 1024 * 1024;

/**
 * Turns the bytes of an AMI connection into frames. Asterisk first sends one greeting line
 * (`Asterisk Call Manager/5.0.1`), then blocks of `Key: value` lines, each ended by a blank line.
 * TCP may split a block anywhere (even inside a UTF-8 character) or deliver several at once; the
 * parser keeps what is incomplete for the next chunk.
 */
export class AmiFrameParser {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private fields: Record<string, string> = {};
  private empty = true;
  private firstLine = true;

  /** Feeds one chunk; returns the frames it completed, in order. Throws `protocol` on garbage. */
  push(chunk: Buffer | string): AmiFrame[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const frames: AmiFrame[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      const frame = this.line(line);
      if (frame !== undefined) frames.push(frame);
      newline = this.buffer.indexOf('\n');
    }
    if (this.buffer.length > MAX_PENDING_CHARS) throw new AmiError('protocol', 'AMI line too long');
    return frames;
  }

  private line(line: string): AmiFrame | undefined {
    const colon = line.indexOf(':');
    if (this.firstLine) {
      this.firstLine = false;
      // The greeting is the only line without a header: `Asterisk Call Manager/<version>`.
      if (colon === -1 && line !== '') return { kind: 'banner', text: line };
    }
    if (line === '') {
      if (this.empty) return undefined;
      const message: AmiMessage = this.fields;
      this.fields = {};
      this.empty = true;
      return { kind: 'message', message };
    }
    // Lines without a colon appear only in `Command` output, which this client never requests.
    if (colon <= 0) return undefined;
    this.fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    this.empty = false;
    if (Object.keys(this.fields).length > 1000) throw new AmiError('protocol', 'AMI message has too many headers');
    return undefined;
  }
}
