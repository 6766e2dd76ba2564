import type { ServerResponse } from 'node:http';

/** How a request's Origin header is judged: absent (not a browser), allowed, or refused. */
export type OriginDecision = 'none' | 'allowed' | 'refused';

/** Judges the Origin header against the configured browser origins (exact match). */
export function judgeOrigin(origin: string | undefined, allowedOrigins: string[]): OriginDecision {
  if (origin === undefined || origin === '') return 'none';
  return allowedOrigins.includes(origin) ? 'allowed' : 'refused';
}

const EXPOSED = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate';
const ALLOWED_HEADERS = 'Authorization, X-API-Key, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID';

/** Adds the CORS headers for an allowed origin; `preflight` adds the OPTIONS answer's headers. */
export function applyCors(response: ServerResponse, origin: string, preflight: boolean): void {
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
  response.setHeader('Access-Control-Expose-Headers', EXPOSED);
  if (preflight) {
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', '600');
  }
}
