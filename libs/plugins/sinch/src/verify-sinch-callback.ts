import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookRequest } from '@faxbot/plugin-sdk';

/** The callback protection settings of an instance. */
export interface SinchCallbackAuth {
  inboundBasicUser: string;
  inboundBasicPass: string;
  inboundHmacSecret: string;
  allowUnauthenticatedCallbacks: boolean;
}

/** Whether a callback may be looked at, and the 401 answer when not. */
export type SinchCallbackVerdict = { ok: true } | { ok: false; detail: string; headers?: Record<string, string> };

/** The text that explains the refusal when nothing protects the endpoint. */
export const UNPROTECTED_DETAIL =
  'Sinch callbacks are refused until callback credentials are configured: set SINCH_INBOUND_BASIC_USER and SINCH_INBOUND_BASIC_PASS ' +
  '(Faxbot embeds them in the callback URL and Sinch sends them back), or SINCH_INBOUND_HMAC_SECRET for a signing relay';

/** Compares two texts in constant time, whatever their lengths (digests have equal lengths). */
function sameSecret(given: string, expected: string): boolean {
  const left = createHash('sha256').update(given, 'utf8').digest();
  const right = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(left, right);
}

function header(request: WebhookRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function basicMatches(request: WebhookRequest, user: string, pass: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(request, 'authorization'));
  if (match === null) return false;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Both halves are always compared, so the time taken does not tell which one was wrong.
  const userOk = sameSecret(decoded.slice(0, colon), user);
  const passOk = sameSecret(decoded.slice(colon + 1), pass);
  return userOk && passOk;
}

function signatureMatches(request: WebhookRequest, secret: string): boolean {
  const given = header(request, 'x-sinch-signature').trim().toLowerCase();
  const expected = createHmac('sha256', secret).update(request.rawBody).digest('hex');
  return sameSecret(given, expected);
}

/**
 * Decides whether a callback comes from whoever holds our callback credentials. Sinch signs
 * nothing, so this checks what the operator configured: Basic credentials (which Sinch sends
 * back from the callback URL) and/or an `X-Sinch-Signature` HMAC-SHA256 of the raw body (for a
 * signing relay). Both must match when both are set. With neither, every callback is refused
 * (unless `allowUnauthenticatedCallbacks`), unlike the original, whose endpoint was open by default.
 */
export function verifySinchCallback(request: WebhookRequest, auth: SinchCallbackAuth): SinchCallbackVerdict {
  const basic = auth.inboundBasicUser !== '' && auth.inboundBasicPass !== '';
  const hmac = auth.inboundHmacSecret !== '';
  if (!basic && !hmac) return auth.allowUnauthenticatedCallbacks ? { ok: true } : { ok: false, detail: UNPROTECTED_DETAIL };
  if (basic && !basicMatches(request, auth.inboundBasicUser, auth.inboundBasicPass)) {
    return { ok: false, detail: 'Invalid basic auth', headers: { 'www-authenticate': 'Basic realm="faxbot-sinch"' } };
  }
  if (hmac && !signatureMatches(request, auth.inboundHmacSecret)) return { ok: false, detail: 'Invalid signature' };
  return { ok: true };
}
