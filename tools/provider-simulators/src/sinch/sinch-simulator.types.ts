import type { RecordedSinchCallback } from './sinch-callback.sender';
import type { SimulatedSinchFax, SinchFaxStatus } from './sinch-fax';
import type { SinchAuthKind } from './sinch-token.issuer';

/** How the simulator answers the next `POST /faxes`. */
export type SinchSendFailure =
  /** 500 with Sinch's error body; no fax is created. */
  | 'server_error'
  /** 400 `INVALID_ARGUMENT`; no fax is created. */
  | 'client_error'
  /** 429 `RESOURCE_EXHAUSTED`; no fax is created. */
  | 'rate_limited'
  /** The request is read and never answered; no fax is created. */
  | 'timeout'
  /** The fax is created (and transmitted) but the answer never comes: the lost-answer case. */
  | 'accepted_timeout';

/** Options of {@link startSinchSimulator}; every member is optional. */
export interface SinchSimulatorOptions {
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Listen port; default a free one. */
  port?: number;
  /** Default `proj-sim-0001`. */
  projectId?: string;
  /** Access key id; default a random one. */
  keyId?: string;
  /** Access key secret; default a random one. */
  keySecret?: string;
  /** Lifetime of OAuth tokens in seconds (Sinch: 3600); shorten to test refreshing. */
  tokenTtlSeconds?: number;
  /** Milliseconds a new fax stays `QUEUED` (default 50). */
  queuedMs?: number;
  /** Milliseconds a fax stays `IN_PROGRESS` before its outcome (default 150). */
  inProgressMs?: number;
  /** Milliseconds a fax to a slow number (…0003) stays `IN_PROGRESS` (default 600 000). */
  slowMs?: number;
  /** Delay before every fax API answer, to simulate a slow provider (default 0). */
  responseDelayMs?: number;
  /** Extra deliveries of every callback, as Sinch's retries produce them (default 0). */
  duplicateCallbacks?: number;
  /** Time limit of a callback delivery (default 10 000 ms). */
  callbackTimeoutMs?: number;
  /** Time limit for fetching a `contentUrl` (default 10 000 ms). */
  contentFetchTimeoutMs?: number;
  /**
   * Not a Sinch feature: adds `X-Sinch-Signature` (hex HMAC-SHA256 of the body) to callbacks, as a
   * signing relay in front of the receiver would.
   */
  callbackSigningSecret?: string;
}

/** One request the fax API or token endpoint received. */
export interface RecordedSinchRequest {
  method: string;
  /** Path and query, e.g. `/v3/projects/p1/faxes`. */
  path: string;
  /** How the request authenticated (token requests: `basic` or `invalid`). */
  auth: SinchAuthKind;
  /** The HTTP status answered, or null while unanswered (a `timeout` failure). */
  status: number | null;
}

/** What {@link SinchSimulator.deliverInbound} sends. */
export interface SinchInboundDelivery {
  /** The receiver's URL; `user:pass@` credentials in it become an `Authorization: Basic` header. */
  url: string;
  /** The number that received the fax (one of your Sinch numbers). */
  to: string;
  from?: string | null;
  pdf: Buffer;
  /** Callback format (default `multipart/form-data`). */
  contentType?: 'multipart/form-data' | 'application/json';
  /** Attach the PDF to the callback (default true); without it the receiver must download it. */
  attachFile?: boolean;
}

/** A running Sinch Fax API v3 simulator. */
export interface SinchSimulator {
  /** Base URL of the fax API, including `/v3` (what a client configures as the base URL). */
  url: string;
  /** The OAuth2 token endpoint. */
  authUrl: string;
  projectId: string;
  keyId: string;
  keySecret: string;
  /** Every fax by id, outbound and inbound, in creation order. */
  faxes: ReadonlyMap<string, SimulatedSinchFax>;
  /** Every request to the token endpoint and the fax API, in order. */
  requests: readonly RecordedSinchRequest[];
  /** Every callback delivery, in order. */
  callbacks: readonly RecordedSinchCallback[];
  /** OAuth tokens issued so far. */
  readonly tokensIssued: number;
  /** Every token issued so far (to prove a client never logs one). */
  issuedTokens(): string[];
  /** Makes the next `POST /faxes` fail this way (queued: several calls fail several sends). */
  failNextSend(mode: SinchSendFailure): void;
  /** Changes the delay before every fax API answer. */
  setResponseDelay(ms: number): void;
  /** Makes every token issued so far invalid (the next use gets 401). */
  revokeTokens(): void;
  /** Forces a fax to a status now (and sends its callback when it becomes final). */
  completeFax(id: string, outcome?: 'COMPLETED' | 'FAILURE'): Promise<void>;
  /** Queues callbacks instead of posting them, until {@link releaseCallbacks}. */
  holdCallbacks(): void;
  /** Posts the queued callbacks, in order or reversed (out of order). */
  releaseCallbacks(order?: 'in-order' | 'reversed'): Promise<RecordedSinchCallback[]>;
  /** Posts the fax's last callback again, as a Sinch retry would. */
  redeliverCallback(faxId: string): Promise<RecordedSinchCallback>;
  /**
   * Posts a late `FAX_COMPLETED` callback whose `fax` part shows an older status (a stale,
   * out-of-order delivery); the API keeps reporting the real status.
   */
  deliverStaleCallback(faxId: string, status: SinchFaxStatus): Promise<RecordedSinchCallback>;
  /** Resolves with the first finished callback delivery for the fax (made or to come). */
  waitForCallback(faxId: string, timeoutMs?: number): Promise<RecordedSinchCallback>;
  /** Resolves once the fax has the status. */
  waitForStatus(faxId: string, status: SinchFaxStatus, timeoutMs?: number): Promise<SimulatedSinchFax>;
  /**
   * Receives a fax for one of the project's numbers: creates an `INBOUND` fax (so `GET` by id and
   * `file.pdf` work) and posts an `INCOMING_FAX` callback to `url`.
   */
  deliverInbound(delivery: SinchInboundDelivery): Promise<{ fax: SimulatedSinchFax; callback: RecordedSinchCallback }>;
  /** A few lines describing the simulator (URLs, project, key id, test numbers; never the secret). */
  summary(): string;
  /** Stops timers, abandons unanswered requests and closes the server. */
  close(): Promise<void>;
}
