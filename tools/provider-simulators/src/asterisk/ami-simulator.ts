import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { header, type AmiPairs } from './ami-wire';
import { AmiSimulatorSession, type AmiSessionHost } from './ami-simulator-session';
import { AMI_SIMULATOR_NUMBERS, outcomeForDestination, type AmiFaxLineOutcome } from './fax-line-outcomes';
import { parseOriginate, type OriginateRequest } from './originate-request';
import { SimulatedCall, type AmiCallState } from './simulated-call';

/** Options for {@link startAmiSimulator}. */
export interface AmiSimulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** TCP port; default 0 (any free port). */
  port?: number;
  /** AMI user; default `faxbot`. */
  username?: string;
  /** AMI secret; default a random one per simulator. */
  password?: string;
  /** First line sent on connect; default `Asterisk Call Manager/5.0.1`. */
  banner?: string;
  /** Milliseconds between the scripted events of one call; default 25. */
  stepDelayMs?: number;
}

/** How the simulator should answer the next `Originate`, instead of placing the call. */
export type OriginateFailureMode =
  /** `Response: Error` / `Message: Originate failed`: Asterisk could not queue it (nothing placed). */
  | 'originate_failed'
  /** `Response: Error` / `Message: Permission denied`: the AMI user lacks the `originate` class. */
  | 'permission_denied'
  /** No response at all, and no call: a wedged Asterisk. */
  | 'no_response';

/** One action the simulator received, secrets redacted. */
export interface RecordedAmiAction {
  /** The `Action` header as sent. */
  action: string;
  /** All headers, in order; `Secret` values are replaced by `<redacted>`. */
  fields: AmiPairs;
  receivedAt: number;
}

/** One call placed for an accepted `Originate`. */
export interface AmiOriginateRecord extends OriginateRequest {
  outcome: AmiFaxLineOutcome;
  /** Name of the originated `Local/s@faxout-…;1` channel. */
  channel: string;
  /** Unique id of that channel (its `ChannelId` when the client chose one). */
  uniqueid: string;
  /** Where the call is now. */
  readonly state: AmiCallState;
  /** True when a `Hangup` action ended it. */
  readonly hungUp: boolean;
}

/** A running AMI simulator. */
export interface AmiSimulator {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** The secret `Login` currently accepts. */
  readonly password: string;
  /** Destinations with a scripted outcome (see the README table). */
  readonly numbers: typeof AMI_SIMULATOR_NUMBERS;
  /** Every action received, in order. */
  readonly actions: readonly RecordedAmiAction[];
  /** Every call placed, in order. */
  readonly originates: readonly AmiOriginateRecord[];
  /** Successful logins so far. */
  readonly loginCount: number;
  /** Refused logins so far. */
  readonly failedLoginCount: number;
  /** Connections open now. */
  readonly connectionCount: number;
  /** The latest call placed for `JOBID`, if any. */
  originateFor(jobId: string): AmiOriginateRecord | undefined;
  /** Makes `Login` accept only this secret from now on (sessions already logged in stay). */
  setPassword(password: string): void;
  /** Cuts every client connection, as a restart of Asterisk would; calls keep running. */
  dropConnections(): void;
  /** Answers the next `Originate` this way instead of placing the call. */
  failNextOriginate(mode: OriginateFailureMode): void;
  /** Leaves actions with these names (e.g. `Ping`) unanswered until called again with `[]`. */
  ignoreActions(names: string[]): void;
  /** Sends an event block to every logged-in session (to script what the number table does not). */
  emitEvent(fields: AmiPairs): void;
  /** Human-readable address, credentials and number table, for a CLI to print. */
  summary(): string;
  /** Stops every call, closes every connection and the listener. */
  close(): Promise<void>;
}

function redact(pairs: AmiPairs): AmiPairs {
  return pairs.map(([key, value]) => [key, key.toLowerCase() === 'secret' ? '<redacted>' : value]);
}

/**
 * Starts an Asterisk Manager Interface simulator: a real TCP server speaking AMI (banner, `Login`
 * with `Authentication accepted`/`failed`, `Ping`, `Originate`, `Hangup`, `Logoff`, ActionID
 * echoes) that plays the fax dialplan's events for each `Originate`: `OriginateResponse`,
 * `UserEvent: FaxResult` and `Hangup`, according to the destination (see {@link AMI_SIMULATOR_NUMBERS}).
 *
 * @example
 * const ami = await startAmiSimulator();
 * console.log(ami.summary());
 * // point a client at ami.host:ami.port with ami.username / ami.password
 * await ami.close();
 */
export async function startAmiSimulator(options: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
  const username = options.username ?? 'faxbot';
  let password = options.password ?? randomBytes(12).toString('hex');
  const stepDelayMs = options.stepDelayMs ?? 25;
  const sessions = new Set<AmiSimulatorSession>();
  const actions: RecordedAmiAction[] = [];
  const originates: AmiOriginateRecord[] = [];
  const calls: SimulatedCall[] = [];
  const ignored = new Set<string>();
  let nextFailure: OriginateFailureMode | null = null;
  let logins = 0;
  let failedLogins = 0;
  let channelSeq = 0;
  const epoch = Math.floor(Date.now() / 1000);

  const broadcast = (event: AmiPairs): void => {
    for (const session of sessions) session.sendEvent(event);
  };

  const placeCall = (request: OriginateRequest): void => {
    channelSeq += 3;
    const tag = channelSeq.toString(16).padStart(8, '0');
    const channels = {
      local: { name: `Local/s@faxout-${tag};1`, uniqueid: request.channelId ?? `${epoch}.${channelSeq}` },
      dialler: { name: `Local/s@faxout-${tag};2`, uniqueid: `${epoch}.${channelSeq + 1}` },
      callee: { name: `PJSIP/trunk-endpoint-${tag}`, uniqueid: `${epoch}.${channelSeq + 2}` },
    };
    const outcome = outcomeForDestination(request.dest);
    const call = new SimulatedCall(request, outcome, channels, broadcast, stepDelayMs);
    calls.push(call);
    originates.push({
      ...request,
      outcome,
      channel: channels.local.name,
      uniqueid: channels.local.uniqueid,
      get state() {
        return call.state;
      },
      get hungUp() {
        return call.hungUp;
      },
    });
    call.start();
  };

  const host: AmiSessionHost = {
    banner: options.banner ?? 'Asterisk Call Manager/5.0.1',
    authenticate: (user, secret) => user.toLowerCase() === username.toLowerCase() && secret === password,
    received: (pairs) => {
      const action = header(pairs, 'Action') ?? '';
      actions.push({ action, fields: redact(pairs), receivedAt: Date.now() });
      return { ignore: ignored.has(action.toLowerCase()) };
    },
    loggedIn: (ok) => {
      if (ok) logins += 1;
      else failedLogins += 1;
    },
    originate: (pairs) => {
      const failure = nextFailure;
      nextFailure = null;
      if (failure === 'no_response') return null;
      if (failure === 'originate_failed') return [['Response', 'Error'], ['Message', 'Originate failed']];
      if (failure === 'permission_denied') return [['Response', 'Error'], ['Message', 'Permission denied']];
      const parsed = parseOriginate(pairs);
      if (!parsed.ok) return [['Response', 'Error'], ['Message', parsed.message]];
      placeCall(parsed.request);
      return [['Response', 'Success'], ['Message', 'Originate successfully queued']];
    },
    hangup: (pairs) => {
      const channel = header(pairs, 'Channel') ?? '';
      if (channel === '') return [['Response', 'Error'], ['Message', 'No channel specified']];
      const cause = Number(header(pairs, 'Cause') ?? '16');
      const call = calls.find((candidate) => candidate.owns(channel));
      if (call === undefined || !call.hangup(Number.isInteger(cause) ? cause : 16)) return [['Response', 'Error'], ['Message', 'No such channel']];
      return [['Response', 'Success'], ['Message', 'Channel Hungup']];
    },
    closed: (session) => sessions.delete(session),
  };

  const server: Server = createServer((socket) => sessions.add(new AmiSimulatorSession(socket, host)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    host: address.address,
    port: address.port,
    username,
    get password() {
      return password;
    },
    numbers: AMI_SIMULATOR_NUMBERS,
    actions,
    originates,
    get loginCount() {
      return logins;
    },
    get failedLoginCount() {
      return failedLogins;
    },
    get connectionCount() {
      return sessions.size;
    },
    originateFor: (jobId) => [...originates].reverse().find((originate) => originate.jobId === jobId),
    setPassword: (next) => {
      password = next;
    },
    dropConnections: () => {
      for (const session of sessions) session.drop();
    },
    failNextOriginate: (mode) => {
      nextFailure = mode;
    },
    ignoreActions: (names) => {
      ignored.clear();
      for (const name of names) ignored.add(name.toLowerCase());
    },
    emitEvent: broadcast,
    summary: () =>
      [
        `Asterisk AMI simulator on ${address.address}:${address.port}`,
        `  username: ${username}`,
        `  password: ${password}`,
        '  destinations (DEST) and outcomes:',
        ...Object.entries(AMI_SIMULATOR_NUMBERS).map(([name, number]) => `    ${number}  ${name}`),
        '    any other number  delivered',
      ].join('\n'),
    close: async () => {
      for (const call of calls) call.stop();
      for (const session of sessions) session.drop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
