import { connect, type Socket } from 'node:net';
import { AmiBlockReader, formatBlock, header, type AmiPairs } from './ami-wire';

/** A bare AMI client for the simulator's own specs: raw socket, no retries, no cleverness. */
export class AmiTestClient {
  readonly blocks: AmiPairs[] = [];
  banner = '';
  closed = false;
  private readonly reader = new AmiBlockReader();
  private readonly waiters: Array<() => void> = [];
  private bannerPending = true;
  private pending = '';

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk.toString('utf8')));
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<AmiTestClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new AmiTestClient(socket);
    await client.until(() => client.banner !== '');
    return client;
  }

  send(pairs: AmiPairs): void {
    this.socket.write(formatBlock(pairs));
  }

  /** Sends an action and resolves with the response carrying its ActionID. */
  async action(pairs: AmiPairs, actionId = `t-${Math.random().toString(36).slice(2)}`): Promise<AmiPairs> {
    this.send([...pairs, ['ActionID', actionId]]);
    return this.waitFor((block) => header(block, 'Response') !== undefined && header(block, 'Event') === undefined && header(block, 'ActionID') === actionId);
  }

  async login(username: string, secret: string): Promise<AmiPairs> {
    return this.action([['Action', 'Login'], ['Username', username], ['Secret', secret]]);
  }

  /** Resolves with the first block (received so far or later) that `match` accepts. */
  async waitFor(match: (block: AmiPairs) => boolean, timeoutMs = 10_000): Promise<AmiPairs> {
    let found: AmiPairs | undefined;
    await this.until(() => (found = this.blocks.find(match)) !== undefined, timeoutMs);
    return found as AmiPairs;
  }

  /** Every event named `name` so far. */
  events(name: string): AmiPairs[] {
    return this.blocks.filter((block) => header(block, 'Event') === name);
  }

  async until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(text: string): void {
    if (this.bannerPending) {
      this.pending += text;
      const newline = this.pending.indexOf('\r\n');
      if (newline === -1) return;
      this.banner = this.pending.slice(0, newline);
      this.bannerPending = false;
      text = this.pending.slice(newline + 2);
    }
    this.blocks.push(...this.reader.push(text));
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** A little-endian TIFF header followed by `pages` empty directories: enough for the simulator's checks. */
export function tinyTiff(pages = 1): Buffer {
  const out = Buffer.alloc(8 + pages * 6);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  for (let page = 0; page < pages; page += 1) {
    const at = 8 + page * 6;
    out.writeUInt16LE(0, at);
    out.writeUInt32LE(page === pages - 1 ? 0 : at + 6, at + 2);
  }
  return out;
}
