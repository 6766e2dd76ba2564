import type { Socket } from 'node:net';
import { AmiBlockReader, formatBlock, header, type AmiPairs } from './ami-wire';

/** What a session asks of the simulator it belongs to. */
export interface AmiSessionHost {
  readonly banner: string;
  /** True when the username and secret match the simulator's current credentials. */
  authenticate(username: string, secret: string): boolean;
  /** Records an action (secrets redacted) and says whether to leave it unanswered. */
  received(pairs: AmiPairs): { ignore: boolean };
  loggedIn(ok: boolean): void;
  /** Handles an authenticated `Originate`; null leaves it unanswered (a wedged Asterisk). */
  originate(pairs: AmiPairs): AmiPairs | null;
  /** Handles an authenticated `Hangup`; returns the response fields. */
  hangup(pairs: AmiPairs): AmiPairs;
  closed(session: AmiSimulatorSession): void;
}

/** Actions a client may send before it has logged in, as in Asterisk. */
const BEFORE_LOGIN = new Set(['login', 'logoff', 'challenge']);

/**
 * One client connection: greets with the banner, authenticates `Login`, answers `Ping`,
 * `Logoff`, `Originate` and `Hangup`, and receives the events of every call once logged in.
 */
export class AmiSimulatorSession {
  private readonly reader = new AmiBlockReader();
  private authenticated = false;
  private eventsOn = true;

  constructor(
    private readonly socket: Socket,
    private readonly host: AmiSessionHost,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => host.closed(this));
    socket.write(`${host.banner}\r\n`);
  }

  /** True once `Login` succeeded and the client wants events. */
  get receivesEvents(): boolean {
    return this.authenticated && this.eventsOn && !this.socket.destroyed;
  }

  /** Sends an event block. */
  sendEvent(pairs: AmiPairs): void {
    if (this.receivesEvents) this.socket.write(formatBlock(pairs));
  }

  /** Cuts the connection without a goodbye, like a crashed or restarted Asterisk. */
  drop(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let blocks: AmiPairs[];
    try {
      blocks = this.reader.push(chunk);
    } catch {
      this.socket.destroy();
      return;
    }
    for (const block of blocks) {
      if (this.socket.destroyed) return;
      this.handle(block);
    }
  }

  private reply(actionId: string | undefined, pairs: AmiPairs): void {
    // Asterisk echoes the ActionID right after the Response line; clients correlate on it.
    const [first, ...rest] = pairs;
    const echoed: AmiPairs = actionId === undefined || first === undefined ? pairs : [first, ['ActionID', actionId], ...rest];
    this.socket.write(formatBlock(echoed));
  }

  private handle(pairs: AmiPairs): void {
    const action = (header(pairs, 'Action') ?? '').toLowerCase();
    const actionId = header(pairs, 'ActionID');
    if (this.host.received(pairs).ignore) return;
    if (action === '') {
      this.reply(actionId, [['Response', 'Error'], ['Message', 'Missing action in request']]);
      return;
    }
    if (!this.authenticated && !BEFORE_LOGIN.has(action)) {
      this.reply(actionId, [['Response', 'Error'], ['Message', 'Permission denied']]);
      return;
    }
    switch (action) {
      case 'login':
        return this.login(pairs, actionId);
      case 'logoff':
        this.reply(actionId, [['Response', 'Goodbye'], ['Message', 'Thanks for all the fish.']]);
        this.socket.end();
        return;
      case 'challenge':
        this.reply(actionId, [['Response', 'Error'], ['Message', 'Must specify AuthType']]);
        return;
      case 'ping':
        this.reply(actionId, [['Response', 'Success'], ['Ping', 'Pong'], ['Timestamp', (Date.now() / 1000).toFixed(6)]]);
        return;
      case 'originate': {
        const response = this.host.originate(pairs);
        if (response !== null) this.reply(actionId, response);
        return;
      }
      case 'hangup':
        this.reply(actionId, this.host.hangup(pairs));
        return;
      default:
        this.reply(actionId, [['Response', 'Error'], ['Message', 'Invalid/unknown command']]);
    }
  }

  private login(pairs: AmiPairs, actionId: string | undefined): void {
    const ok = this.host.authenticate(header(pairs, 'Username') ?? '', header(pairs, 'Secret') ?? '');
    this.host.loggedIn(ok);
    if (!ok) {
      // Asterisk answers, then ends the session: a client must not keep trying on the same socket.
      this.reply(actionId, [['Response', 'Error'], ['Message', 'Authentication failed']]);
      this.socket.end();
      return;
    }
    this.authenticated = true;
    this.eventsOn = (header(pairs, 'Events') ?? 'on').toLowerCase() !== 'off';
    this.reply(actionId, [['Response', 'Success'], ['Message', 'Authentication accepted']]);
    this.sendEvent([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Status', 'Fully Booted']]);
  }
}
