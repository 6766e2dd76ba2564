import { StringDecoder } from 'node:string_decoder';

/** One AMI block as it travels: ordered `key: value` pairs (keys may repeat, e.g. `Variable`). */
export type AmiPairs = Array<[key: string, value: string]>;

/** A block longer than this without its blank line is not AMI; the session is closed. */
const MAX_BLOCK_CHARS = 256 * 1024;

/**
 * Reads the action blocks a client writes: `key: value` lines ended by a blank line, in chunks
 * that may split a block anywhere or carry several. Accepts `\r\n` (what AMI specifies) and a
 * bare `\n` (what careless clients send).
 */
export class AmiBlockReader {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private pairs: AmiPairs = [];

  /** Feeds one chunk; returns every block it completed, in order. Throws on an oversized block. */
  push(chunk: Buffer | string): AmiPairs[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const blocks: AmiPairs[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      if (line === '') {
        if (this.pairs.length > 0) blocks.push(this.pairs);
        this.pairs = [];
      } else {
        const colon = line.indexOf(':');
        // Lines without a colon carry nothing an action needs; Asterisk ignores them too.
        if (colon > 0) this.pairs.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
      }
      newline = this.buffer.indexOf('\n');
    }
    if (this.buffer.length > MAX_BLOCK_CHARS) throw new Error('AMI block too long');
    return blocks;
  }
}

/** The value of the first `key` (case-insensitive, as Asterisk reads headers), or undefined. */
export function header(pairs: AmiPairs, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return pairs.find(([name]) => name.toLowerCase() === wanted)?.[1];
}

/** Every value of `key` (case-insensitive), in order. */
export function headers(pairs: AmiPairs, key: string): string[] {
  const wanted = key.toLowerCase();
  return pairs.filter(([name]) => name.toLowerCase() === wanted).map(([, value]) => value);
}

/** Formats one response or event block, `\r\n`-terminated with its blank line. */
export function formatBlock(pairs: AmiPairs): string {
  return `${pairs.map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n\r\n`;
}
