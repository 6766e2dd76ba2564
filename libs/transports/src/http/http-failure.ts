import type { HttpFailure } from '@faxbot/plugin-sdk';

/**
 * The `cause` of every `FaxbotError` the HTTP client throws for a request it sent. It keeps the
 * status, the response headers and Node's network error code, and deliberately not the axios
 * error: that one holds the request's headers (credentials) and body.
 */
export class HttpFailureError extends Error implements HttpFailure {
  override readonly name = 'HttpFailure' as const;
  readonly status: number | null;
  readonly attempts: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly networkCode: string | null;

  constructor(message: string, facts: { status: number | null; attempts: number; headers?: Readonly<Record<string, string>>; networkCode?: string | null }) {
    super(message);
    this.status = facts.status;
    this.attempts = facts.attempts;
    // Session cookies are credentials; nothing a plugin needs to explain a failure.
    this.headers = Object.fromEntries(Object.entries(facts.headers ?? {}).filter(([name]) => name !== 'set-cookie'));
    this.networkCode = facts.networkCode ?? null;
  }
}
