import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How a request to the fax API authenticated itself. */
export type SinchAuthKind = 'bearer' | 'basic' | 'none' | 'invalid';

/** Parses `Basic base64(id:secret)`; null for anything else. */
export function parseBasicAuthorization(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Sinch's OAuth2 client-credentials endpoint and the checks of the fax API: issues opaque bearer
 * tokens to the project's key, remembers when each expires, and can revoke them all (to make a
 * client see a 401 with a token it believes valid).
 */
export class SinchTokenIssuer {
  private readonly tokens = new Map<string, number>();
  private readonly history: string[] = [];

  constructor(
    private readonly keyId: string,
    private readonly keySecret: string,
    /** Lifetime of new tokens; read at each issue so a test can shorten it. */
    private readonly ttlSeconds: () => number,
  ) {}

  /** How many tokens have been issued so far. */
  get tokensIssued(): number {
    return this.history.length;
  }

  /** True when the Basic credentials are the project's key. */
  isKey(authorization: string | undefined): boolean {
    const credentials = parseBasicAuthorization(authorization);
    return credentials !== null && sameText(credentials.id, this.keyId) && sameText(credentials.secret, this.keySecret);
  }

  /** Issues a token for the key, as `POST /oauth2/token` answers it. */
  issue(): { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string } {
    const token = randomBytes(24).toString('base64url');
    const ttl = this.ttlSeconds();
    this.tokens.set(token, Date.now() + ttl * 1000);
    this.history.push(token);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: '' };
  }

  /** Every token issued so far becomes invalid at once. */
  revokeAll(): void {
    this.tokens.clear();
  }

  /** Decides how a fax API request authenticated itself; only `bearer` and `basic` are let in. */
  authenticate(authorization: string | undefined): SinchAuthKind {
    if (authorization === undefined || authorization === '') return 'none';
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer !== null) {
      const expiresAt = this.tokens.get(bearer[1] as string);
      return expiresAt !== undefined && expiresAt > Date.now() ? 'bearer' : 'invalid';
    }
    return this.isKey(authorization) ? 'basic' : 'invalid';
  }

  /** Every token ever issued (revoked ones too), for checking a client never leaks one. */
  issuedTokens(): string[] {
    return [...this.history];
  }
}
