/**
 * A client the MCP server let in. `keyId` is a short fingerprint (of the API key, or of the
 * token's issuer and subject), safe to log and to bind sessions to; never the credential itself.
 */
export interface VerifiedClient {
  keyId: string;
  method: 'api-key' | 'oauth';
  /** When the credential stops being valid (ms since the epoch); only for OAuth tokens. */
  expiresAt?: number;
}

/** Why a request was not let in; `reason` is logged, `description` goes to the client. */
export interface AuthFailure {
  reason:
    | 'missing'
    | 'invalid_key'
    | 'malformed_token'
    | 'expired'
    | 'not_yet_valid'
    | 'wrong_audience'
    | 'wrong_issuer'
    | 'missing_claim'
    | 'unknown_key'
    | 'algorithm_not_allowed'
    | 'bad_signature'
    | 'jwks_unavailable';
  description: string;
}

/** The outcome of checking one request's credential. */
export type AuthCheck = { ok: true; client: VerifiedClient } | { ok: false; failure: AuthFailure };
