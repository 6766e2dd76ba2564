import { randomBytes } from 'node:crypto';

/**
 * How the simulator answers a request it was told to fail:
 * `server_error` 500, `client_error` 422, `rate_limited` 429, `unauthorized` 401 (nothing created);
 * `timeout` never answers and creates nothing; `accepted_then_timeout` creates the fax and never
 * answers (the "outcome unknown" case); `accepted_then_server_error` creates the fax and still
 * answers 500; `connection_reset` drops the connection, creating nothing.
 */
export type PhaxioFailureMode =
  | 'server_error'
  | 'client_error'
  | 'rate_limited'
  | 'unauthorized'
  | 'timeout'
  | 'accepted_then_timeout'
  | 'accepted_then_server_error'
  | 'connection_reset';

/** Which API calls a queued failure applies to. */
export type PhaxioRoute = 'send' | 'get' | 'list' | 'cancel' | 'file' | 'any';

/** Options of {@link startPhaxioSimulator}; every one has a default. */
export interface PhaxioSimulatorOptions {
  /** Credentials the API accepts (HTTP Basic). Default: random per simulator. */
  apiKey?: string;
  apiSecret?: string;
  /** The account's webhook token: the HMAC key of `X-Phaxio-Signature`. Default: random. */
  webhookToken?: string;
  /** Listen address; default 127.0.0.1 and a free port. */
  host?: string;
  port?: number;
  /** Milliseconds a new fax stays `queued` (default 250). */
  queuedMs?: number;
  /** Milliseconds a fax stays `inprogress` before its outcome (default 750). */
  inProgressMs?: number;
  /** Milliseconds a slow-line fax stays `inprogress` (default 10 minutes). */
  slowLineMs?: number;
  /** Delay before every API answer (default 0). */
  responseDelayMs?: number;
  /** Extra identical deliveries of every callback, as Phaxio's retries produce (default 0). */
  duplicateCallbacks?: number;
  /** Also post `transmitting_page` callbacks while a fax is in progress (default false, as on Phaxio). */
  inflightCallbacks?: boolean;
  /** Hold the in-flight callbacks back and post them after `fax_completed` (implies inflight). */
  outOfOrderCallbacks?: boolean;
  /** The account's global send webhook URL, used when a send names no `callback_url` (default none). */
  defaultCallbackUrl?: string | null;
  /** Id of the first fax (default 100001); ids then count up. */
  firstFaxId?: number;
  /** `is_test` of every fax (default false). */
  isTest?: boolean;
  /** Give up on a callback delivery after this many milliseconds (default 10000). */
  callbackTimeoutMs?: number;
}

/** {@link PhaxioSimulatorOptions} with every default applied. */
export type ResolvedPhaxioSimulatorOptions = Required<PhaxioSimulatorOptions>;

const secret = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Applies the defaults. */
export function resolvePhaxioSimulatorOptions(options: PhaxioSimulatorOptions = {}): ResolvedPhaxioSimulatorOptions {
  return {
    apiKey: options.apiKey ?? secret('simkey'),
    apiSecret: options.apiSecret ?? secret('simsecret'),
    webhookToken: options.webhookToken ?? secret('simtoken'),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    queuedMs: options.queuedMs ?? 250,
    inProgressMs: options.inProgressMs ?? 750,
    slowLineMs: options.slowLineMs ?? 10 * 60 * 1000,
    responseDelayMs: options.responseDelayMs ?? 0,
    duplicateCallbacks: options.duplicateCallbacks ?? 0,
    inflightCallbacks: options.inflightCallbacks ?? options.outOfOrderCallbacks ?? false,
    outOfOrderCallbacks: options.outOfOrderCallbacks ?? false,
    defaultCallbackUrl: options.defaultCallbackUrl ?? null,
    firstFaxId: options.firstFaxId ?? 100001,
    isTest: options.isTest ?? false,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 10_000,
  };
}
