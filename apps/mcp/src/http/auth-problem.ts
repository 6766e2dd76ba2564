import type { AuthFailure } from '../auth/verified-client';
import { HttpProblem } from './http-problem';

const REALM = 'Bearer realm="faxbot-mcp"';

/**
 * The answer to a request whose credential was refused: 401 with a `WWW-Authenticate` challenge
 * (RFC 6750: no error code when nothing was presented, `invalid_token` otherwise), or 503 when the
 * token issuer's keys cannot be fetched — the client is not at fault and may retry.
 */
export function authProblem(failure: AuthFailure): HttpProblem {
  if (failure.reason === 'jwks_unavailable') {
    return new HttpProblem(503, `Service Unavailable: ${failure.description}`, { 'Retry-After': '30' }, -32001);
  }
  const challenge = failure.reason === 'missing' ? REALM : `${REALM}, error="invalid_token", error_description="${failure.description}"`;
  return new HttpProblem(
    401,
    `Unauthorized: ${failure.description}; send "Authorization: Bearer <credential>" with a key from MCP_HTTP_API_KEYS or an OAuth access token`,
    { 'WWW-Authenticate': challenge },
    -32001,
  );
}
