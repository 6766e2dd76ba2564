/** Which plugin call a Phaxio API request belongs to; the same failure means different things per call. */
export type PhaxioOperation = 'send' | 'lookup' | 'status' | 'cancel' | 'file';

/**
 * How one request to Phaxio's API went wrong, before it becomes a `FaxbotError`:
 * `http` — Phaxio answered with a non-2xx status (its `message` is kept only to classify, never shown);
 * `refused` — no connection was made, so nothing reached Phaxio;
 * `timeout` — no answer within `requestTimeoutMs`;
 * `lost` — the connection broke, or the answer was unreadable, after the request left;
 * `aborted` — the host aborted the call (shutdown).
 */
export type PhaxioCallFailure =
  | { kind: 'http'; status: number; message: string | null }
  | { kind: 'refused' }
  | { kind: 'timeout' }
  | { kind: 'lost' }
  | { kind: 'aborted' };

/** A failed request to Phaxio. Its message names the call and the status only: no URL, body or credentials. */
export class PhaxioCallError extends Error {
  override readonly name = 'PhaxioCallError';

  constructor(
    readonly operation: PhaxioOperation,
    readonly failure: PhaxioCallFailure,
  ) {
    super(`phaxio ${operation}: ${describeFailure(failure)}`);
  }
}

/** A short, secret-free description: `HTTP 503`, `no answer`, `connection refused`... */
export function describeFailure(failure: PhaxioCallFailure): string {
  switch (failure.kind) {
    case 'http':
      return `HTTP ${failure.status}`;
    case 'refused':
      return 'connection refused';
    case 'timeout':
      return 'no answer in time';
    case 'lost':
      return 'connection lost or unreadable answer';
    case 'aborted':
      return 'aborted';
  }
}

/** True for answers that mean "Phaxio is overloaded or failing": 429 and 5xx. */
export function isOutageStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
